// A passkey in software for the Node-side tests and benchmark: a P-256 key whose assertions are built the way a
// browser's authenticator builds them (authenticator data with the UP and UV flags, a clientDataJSON carrying the
// base64url challenge, a DER signature over sha256(authenticatorData || sha256(clientDataJSON))), handed to
// viem's own `toWebAuthnAccount` through its `getFn`, so ox's parsing of a real assertion runs as in the browser.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type Hex, bytesToHex, concat, hexToBytes } from 'viem';
import { type WebAuthnAccount, toWebAuthnAccount } from 'viem/account-abstraction';

const RP_ID = 'localhost';
const FLAGS_UP_UV = 0x05;

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export interface SoftwarePasskey {
  owner: WebAuthnAccount;
  /** How many assertions were asked for (one device prompt each in a browser). */
  prompts: () => number;
}

export function softwarePasskey(secretKey: Uint8Array = p256.utils.randomSecretKey()): SoftwarePasskey {
  const publicKey = bytesToHex(p256.getPublicKey(secretKey, false).slice(1)) as Hex;
  const id = base64url(sha256(hexToBytes(publicKey)).slice(0, 16));
  let prompts = 0;
  const owner = toWebAuthnAccount({
    credential: { id, publicKey },
    rpId: RP_ID,
    async getFn(options) {
      prompts++;
      const challenge = new Uint8Array(options!.publicKey!.challenge as ArrayBuffer);
      const authenticatorData = hexToBytes(concat([bytesToHex(sha256(new TextEncoder().encode(RP_ID))), '0x05', '0x00000000']));
      authenticatorData[32] = FLAGS_UP_UV;
      const clientDataJSON = new TextEncoder().encode(
        JSON.stringify({ type: 'webauthn.get', challenge: base64url(challenge), origin: `http://${RP_ID}:5173`, crossOrigin: false }),
      );
      const signed = new Uint8Array([...authenticatorData, ...sha256(clientDataJSON)]);
      const der = p256.sign(signed, secretKey, { format: 'der' });
      const buffer = (bytes: Uint8Array) => bytes.slice().buffer;
      return {
        id,
        type: 'public-key',
        response: { authenticatorData: buffer(authenticatorData), clientDataJSON: buffer(clientDataJSON), signature: buffer(der) },
      } as never;
    },
  });
  return { owner, prompts: () => prompts };
}
