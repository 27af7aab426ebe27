// The subgraph's input schema (schema.graphql) as the graph node uses it: entity types, their fields and
// column types, interfaces, @derivedFrom and @fulltext. Mirrors graph-node's validation of the parts the
// store and the query API depend on.
import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type FieldDefinitionNode,
  Kind,
  type TypeNode,
  parse,
} from 'graphql';

export type ScalarName = 'ID' | 'String' | 'Bytes' | 'BigInt' | 'BigDecimal' | 'Int' | 'Int8' | 'Boolean' | 'Timestamp';
export const SCALARS: readonly ScalarName[] = ['ID', 'String', 'Bytes', 'BigInt', 'BigDecimal', 'Int', 'Int8', 'Boolean', 'Timestamp'];

export interface FieldDef {
  name: string;
  /** The named type at the bottom of list/non-null wrappers. */
  typeName: string;
  kind: 'scalar' | 'enum' | 'entity' | 'interface';
  /** How the value is stored: the scalar, 'String' for enums, the target's id type for references. */
  scalar: ScalarName;
  list: boolean;
  nonNull: boolean;
  derivedFrom?: string;
  /** The GraphQL type as written, e.g. `[String!]!`. */
  typeText: string;
}

export interface EntityDef {
  name: string;
  immutable: boolean;
  idScalar: 'String' | 'Bytes' | 'Int8';
  fields: FieldDef[];
  field: Map<string, FieldDef>;
  interfaces: string[];
}

export interface InterfaceDef {
  name: string;
  idScalar: 'String' | 'Bytes' | 'Int8';
  fields: FieldDef[];
  field: Map<string, FieldDef>;
  implementers: string[];
}

export interface FulltextDef {
  name: string;
  language: string;
  algorithm: 'rank' | 'proximityRank';
  entity: string;
  fields: string[];
}

export interface SubgraphSchema {
  entities: Map<string, EntityDef>;
  interfaces: Map<string, InterfaceDef>;
  enums: Map<string, string[]>;
  fulltext: FulltextDef[];
  /** Entities and interfaces by name. */
  types(name: string): EntityDef | InterfaceDef | undefined;
  /** The concrete entity types behind an entity or interface name. */
  concrete(name: string): EntityDef[];
}

/** Postgres text-search configurations for graph-node's fulltext `language` values. */
const FULLTEXT_LANGUAGES: Record<string, string> = {
  simple: 'simple', da: 'danish', nl: 'dutch', en: 'english', fi: 'finnish', fr: 'french', de: 'german',
  hu: 'hungarian', it: 'italian', no: 'norwegian', pt: 'portuguese', ro: 'romanian', ru: 'russian',
  es: 'spanish', sv: 'swedish', tr: 'turkish',
};

export function parseSchema(source: string): SubgraphSchema {
  const doc = parse(source);
  const enums = new Map<string, string[]>();
  const objectNodes = [];
  const interfaceNodes = [];
  let schemaType: { directives?: readonly ConstDirectiveNode[] } | undefined;
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) enums.set(def.name.value, (def.values ?? []).map((v) => v.name.value));
    else if (def.kind === Kind.OBJECT_TYPE_DEFINITION && def.name.value === '_Schema_') schemaType = def;
    else if (def.kind === Kind.OBJECT_TYPE_DEFINITION) objectNodes.push(def);
    else if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) interfaceNodes.push(def);
    else throw new Error(`schema.graphql: unsupported definition ${def.kind}`);
  }
  const entityNames = new Set(objectNodes.map((n) => n.name.value));
  const interfaceNames = new Set(interfaceNodes.map((n) => n.name.value));

  const idScalarOf = (typeName: string, fields: readonly FieldDefinitionNode[]): 'String' | 'Bytes' | 'Int8' => {
    const id = fields.find((f) => f.name.value === 'id');
    if (!id) throw new Error(`schema.graphql: type ${typeName} has no id field`);
    const name = namedType(id.type);
    if (name === 'ID' || name === 'String') return 'String';
    if (name === 'Bytes' || name === 'Int8') return name;
    throw new Error(`schema.graphql: ${typeName}.id must be ID, String, Bytes or Int8, not ${name}`);
  };
  const idScalars = new Map<string, 'String' | 'Bytes' | 'Int8'>();
  for (const n of [...objectNodes, ...interfaceNodes]) idScalars.set(n.name.value, idScalarOf(n.name.value, n.fields ?? []));

  const toField = (owner: string, node: FieldDefinitionNode): FieldDef => {
    const typeName = namedType(node.type);
    let kind: FieldDef['kind'];
    let scalar: ScalarName;
    if ((SCALARS as readonly string[]).includes(typeName)) {
      kind = 'scalar';
      scalar = typeName === 'ID' ? 'String' : (typeName as ScalarName);
    } else if (enums.has(typeName)) {
      kind = 'enum';
      scalar = 'String';
    } else if (entityNames.has(typeName) || interfaceNames.has(typeName)) {
      kind = entityNames.has(typeName) ? 'entity' : 'interface';
      scalar = idScalars.get(typeName)!;
    } else {
      throw new Error(`schema.graphql: ${owner}.${node.name.value} has unknown type ${typeName}`);
    }
    const derived = node.directives?.find((d) => d.name.value === 'derivedFrom');
    let derivedFrom: string | undefined;
    if (derived) {
      const arg = derived.arguments?.find((a) => a.name.value === 'field');
      if (!arg || arg.value.kind !== Kind.STRING) throw new Error(`schema.graphql: ${owner}.${node.name.value} @derivedFrom needs field: "..."`);
      if (kind !== 'entity' && kind !== 'interface') throw new Error(`schema.graphql: ${owner}.${node.name.value} @derivedFrom must point to an entity`);
      derivedFrom = arg.value.value;
    }
    return {
      name: node.name.value,
      typeName,
      kind,
      scalar,
      list: isList(node.type),
      nonNull: node.type.kind === Kind.NON_NULL_TYPE,
      derivedFrom,
      typeText: typeText(node.type),
    };
  };

  const entities = new Map<string, EntityDef>();
  for (const node of objectNodes) {
    if (node.directives?.some((d) => d.name.value === 'aggregation')) {
      throw new Error(`schema.graphql: ${node.name.value} is an @aggregation, which this graph node does not support`);
    }
    const entity = node.directives?.find((d) => d.name.value === 'entity');
    if (!entity) throw new Error(`schema.graphql: type ${node.name.value} needs @entity`);
    for (const arg of entity.arguments ?? []) {
      if (arg.name.value === 'timeseries') throw new Error(`schema.graphql: ${node.name.value} is a timeseries entity, which this graph node does not support`);
      if (arg.name.value !== 'immutable') throw new Error(`schema.graphql: ${node.name.value}: unknown @entity argument ${arg.name.value}`);
    }
    const immutableArg = entity.arguments?.find((a) => a.name.value === 'immutable');
    const fields = (node.fields ?? []).map((f) => toField(node.name.value, f));
    entities.set(node.name.value, {
      name: node.name.value,
      immutable: immutableArg?.value.kind === Kind.BOOLEAN ? immutableArg.value.value : false,
      idScalar: idScalars.get(node.name.value)!,
      fields,
      field: new Map(fields.map((f) => [f.name, f])),
      interfaces: (node.interfaces ?? []).map((i) => i.name.value),
    });
  }
  const interfaces = new Map<string, InterfaceDef>();
  for (const node of interfaceNodes) {
    const fields = (node.fields ?? []).map((f) => toField(node.name.value, f));
    interfaces.set(node.name.value, {
      name: node.name.value,
      idScalar: idScalars.get(node.name.value)!,
      fields,
      field: new Map(fields.map((f) => [f.name, f])),
      implementers: [...entities.values()].filter((e) => e.interfaces.includes(node.name.value)).map((e) => e.name),
    });
  }

  for (const owner of [...entities.values(), ...interfaces.values()]) {
    for (const field of owner.fields) {
      if (!field.derivedFrom) continue;
      const targets = entities.get(field.typeName) ? [entities.get(field.typeName)!] : interfaces.get(field.typeName)!.implementers.map((n) => entities.get(n)!);
      for (const target of targets) {
        const back = target.field.get(field.derivedFrom);
        if (!back || back.derivedFrom) throw new Error(`schema.graphql: ${owner.name}.${field.name} is derived from ${target.name}.${field.derivedFrom}, which is not a stored field`);
      }
    }
  }

  const fulltext: FulltextDef[] = [];
  for (const directive of schemaType?.directives ?? []) {
    if (directive.name.value !== 'fulltext') continue;
    const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, constValue(a.value)])) as {
      name: string;
      language: string;
      algorithm: string;
      include: { entity: string; fields: { name: string }[] }[];
    };
    const language = FULLTEXT_LANGUAGES[args.language];
    if (!language) throw new Error(`schema.graphql: @fulltext ${args.name} has unknown language ${args.language}`);
    if (args.include.length !== 1) throw new Error(`schema.graphql: @fulltext ${args.name} must include exactly one entity`);
    const entity = entities.get(args.include[0].entity);
    if (!entity) throw new Error(`schema.graphql: @fulltext ${args.name} includes unknown entity ${args.include[0].entity}`);
    const fields = args.include[0].fields.map((f) => f.name);
    for (const f of fields) if (entity.field.get(f)?.scalar !== 'String') throw new Error(`schema.graphql: @fulltext ${args.name}: ${entity.name}.${f} is not a String field`);
    fulltext.push({ name: args.name, language, algorithm: args.algorithm === 'proximityRank' ? 'proximityRank' : 'rank', entity: entity.name, fields });
  }

  return {
    entities,
    interfaces,
    enums,
    fulltext,
    types: (name) => entities.get(name) ?? interfaces.get(name),
    concrete: (name) => (entities.has(name) ? [entities.get(name)!] : (interfaces.get(name)?.implementers ?? []).map((n) => entities.get(n)!)),
  };
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function isList(type: TypeNode): boolean {
  if (type.kind === Kind.LIST_TYPE) return true;
  return type.kind === Kind.NON_NULL_TYPE ? isList(type.type) : false;
}

function typeText(type: TypeNode): string {
  if (type.kind === Kind.NAMED_TYPE) return type.name.value;
  if (type.kind === Kind.LIST_TYPE) return `[${typeText(type.type)}]`;
  return `${typeText(type.type)}!`;
}

function constValue(node: ConstValueNode): unknown {
  switch (node.kind) {
    case Kind.LIST:
      return node.values.map(constValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, constValue(f.value)]));
    case Kind.NULL:
      return null;
    case Kind.INT:
      return Number(node.value);
    case Kind.FLOAT:
      return Number(node.value);
    default:
      return node.value;
  }
}
