// Demo merchants and their goods, in Chinese and English. Prices are in whole units of the listing's token
// (the test stablecoin "tUSD", or ETH).
import type { Category, LocalizedText } from '../../web/lib/protocol/metadata.ts';

export interface ProductSeed {
  en: string;
  zh: string;
  price: number;
  /** Defaults to the merchant's token. */
  token?: 'stable' | 'eth';
  stock?: number;
}

export interface ProvenanceSeed {
  kind: string;
  location: string;
  actor: string;
  evidence: { title: LocalizedText; issuer: string; facts: Record<string, string> };
}

export interface MerchantSeed {
  category: Category;
  name: LocalizedText;
  description: LocalizedText;
  location: LocalizedText;
  token: 'stable' | 'eth';
  rewardBps: number;
  /** Colours for the generated images. */
  palette: [string, string];
  products: ProductSeed[];
  provenance: ProvenanceSeed[];
  /** One line about every product, {en} / {zh} replaced with its name. */
  blurb: LocalizedText;
}

export const MERCHANTS: MerchantSeed[] = [
  {
    category: 'tea',
    name: { 'zh-CN': '西湖茶园', en: 'West Lake Tea Garden' },
    description: {
      'zh-CN': '三代人守着龙井村的茶山，明前手工炒制，每一批都附检测报告。',
      en: 'Three generations on the Longjing village slopes; pre-Qingming leaves, pan-fired by hand, every batch lab-tested.',
    },
    location: { 'zh-CN': '浙江杭州', en: 'Hangzhou, Zhejiang' },
    token: 'stable',
    rewardBps: 300,
    palette: ['#2f6b3b', '#cfe8c6'],
    blurb: {
      'zh-CN': '{zh}：产自西湖产区，真空锡罐包装，冲泡 3–4 次仍有回甘。',
      en: '{en}: grown in the West Lake appellation, vacuum-sealed in a tin, still sweet after the fourth infusion.',
    },
    products: [
      { en: 'Pre-Qingming Longjing', zh: '明前龙井', price: 68 },
      { en: 'Anji White Tea', zh: '安吉白茶', price: 45 },
      { en: 'Wuyi Da Hong Pao', zh: '武夷大红袍', price: 88 },
      { en: 'Yunnan Pu-erh Cake 2015', zh: '2015 云南普洱茶饼', price: 120 },
      { en: 'Tieguanyin Oolong', zh: '安溪铁观音', price: 39 },
      { en: 'Keemun Black Tea', zh: '祁门红茶', price: 32 },
      { en: 'Jasmine Silver Needle', zh: '茉莉银针', price: 29 },
      { en: 'Tea Sampler Gift Box', zh: '名茶品鉴礼盒', price: 158 },
    ],
    provenance: [
      {
        kind: 'origin',
        location: '龙井村, 杭州 Longjing Village, Hangzhou',
        actor: '西湖茶园 West Lake Tea Garden',
        evidence: {
          title: { 'zh-CN': '原产地证明', en: 'Certificate of origin' },
          issuer: 'Hangzhou West Lake Longjing Tea Association',
          facts: { plot: 'LJ-07', harvest: 'spring, pre-Qingming' },
        },
      },
      {
        kind: 'production',
        location: '龙井村 Longjing Village',
        actor: '陈师傅 Master Chen',
        evidence: {
          title: { 'zh-CN': '炒制记录', en: 'Pan-firing log' },
          issuer: 'West Lake Tea Garden',
          facts: { method: 'hand pan-fired', batches: '3' },
        },
      },
      {
        kind: 'inspection',
        location: '杭州 Hangzhou',
        actor: 'SGS Hangzhou',
        evidence: {
          title: { 'zh-CN': '农残检测报告', en: 'Pesticide residue test' },
          issuer: 'SGS Hangzhou',
          facts: { result: 'pass', standard: 'GB 2763-2021' },
        },
      },
    ],
  },
  {
    category: 'ceramics',
    name: { 'zh-CN': '景德镇青白瓷坊', en: 'Jingdezhen Qingbai Studio' },
    description: {
      'zh-CN': '景德镇柴窑烧制的青白瓷与手绘青花，每件作品有窑号与匠人签名。',
      en: 'Wood-fired qingbai porcelain and hand-painted blue-and-white from Jingdezhen, each piece signed and kiln-numbered.',
    },
    location: { 'zh-CN': '江西景德镇', en: 'Jingdezhen, Jiangxi' },
    token: 'stable',
    rewardBps: 200,
    palette: ['#1f4e8c', '#e6eef8'],
    blurb: {
      'zh-CN': '{zh}：手工拉坯，1300°C 柴窑烧成，附匠人签名证书。',
      en: '{en}: thrown by hand, wood-fired at 1300 °C, with a signed certificate from the potter.',
    },
    products: [
      { en: 'Blue-and-White Teacup Pair', zh: '青花对杯', price: 56 },
      { en: 'Qingbai Gaiwan', zh: '青白瓷盖碗', price: 48 },
      { en: 'Celadon Vase', zh: '青瓷花瓶', price: 180 },
      { en: 'Hand-painted Plate', zh: '手绘瓷盘', price: 75 },
      { en: 'Eggshell Porcelain Bowl', zh: '薄胎瓷碗', price: 95 },
      { en: 'Tea Caddy', zh: '瓷茶叶罐', price: 42 },
      { en: 'Incense Holder', zh: '香插', price: 22 },
      { en: 'Kiln-change Glaze Cup', zh: '窑变釉品茗杯', price: 0.022, token: 'eth' },
    ],
    provenance: [
      {
        kind: 'production',
        location: '景德镇 Jingdezhen',
        actor: '王匠人 Master Wang',
        evidence: {
          title: { 'zh-CN': '烧制记录', en: 'Firing record' },
          issuer: 'Jingdezhen Qingbai Studio',
          facts: { kiln: 'wood kiln #3', temperature: '1300 C' },
        },
      },
      {
        kind: 'inspection',
        location: '景德镇 Jingdezhen',
        actor: 'Jiangxi Ceramics Quality Center',
        evidence: {
          title: { 'zh-CN': '铅镉溶出检测', en: 'Lead and cadmium release test' },
          issuer: 'Jiangxi Ceramics Quality Center',
          facts: { lead: '< 0.01 mg/L', result: 'pass' },
        },
      },
    ],
  },
  {
    category: 'electronics',
    name: { 'zh-CN': '深圳极客工坊', en: 'Shenzhen Maker Works' },
    description: {
      'zh-CN': '华强北起家的开源硬件小厂：开发板、机械键盘与实用小工具。',
      en: 'An open-hardware workshop from Huaqiangbei: dev boards, mechanical keyboards and handy gadgets.',
    },
    location: { 'zh-CN': '广东深圳', en: 'Shenzhen, Guangdong' },
    token: 'eth',
    rewardBps: 0,
    palette: ['#222831', '#00adb5'],
    blurb: {
      'zh-CN': '{zh}：开源设计，出厂逐台测试，提供一年保修。',
      en: '{en}: open design, every unit tested before it ships, one-year warranty.',
    },
    products: [
      { en: 'RISC-V Dev Board', zh: 'RISC-V 开发板', price: 0.012 },
      { en: '65% Mechanical Keyboard', zh: '65% 机械键盘', price: 0.045 },
      { en: 'USB-C Power Meter', zh: 'USB-C 功率计', price: 0.008 },
      { en: 'E-ink Desk Clock', zh: '墨水屏桌面时钟', price: 0.02 },
      { en: 'Hardware Wallet Kit', zh: '硬件钱包套件', price: 0.03 },
      { en: 'Soldering Station', zh: '智能焊台', price: 0.025 },
      { en: 'LoRa Sensor Node', zh: 'LoRa 传感节点', price: 0.015 },
      { en: 'GaN 65W Charger', zh: '氮化镓 65W 充电器', price: 25, token: 'stable' },
    ],
    provenance: [
      {
        kind: 'production',
        location: '宝安, 深圳 Bao\'an, Shenzhen',
        actor: 'Shenzhen Maker Works SMT line',
        evidence: {
          title: { 'zh-CN': '生产批次记录', en: 'Production batch record' },
          issuer: 'Shenzhen Maker Works',
          facts: { batch: 'SMW-2409', yield: '99.2%' },
        },
      },
      {
        kind: 'inspection',
        location: '深圳 Shenzhen',
        actor: 'CQC Shenzhen',
        evidence: {
          title: { 'zh-CN': 'CCC / CE 认证', en: 'CCC / CE certification' },
          issuer: 'CQC',
          facts: { certificate: 'CQC-2024-0113', result: 'pass' },
        },
      },
    ],
  },
  {
    category: 'apparel',
    name: { 'zh-CN': '苏绣衣坊', en: 'Suzhou Silk House' },
    description: {
      'zh-CN': '桑蚕丝与苏绣结合的日常衣饰，面料来自太湖边的缫丝厂。',
      en: 'Everyday clothes in mulberry silk with Suzhou embroidery; the fabric is reeled beside Lake Tai.',
    },
    location: { 'zh-CN': '江苏苏州', en: 'Suzhou, Jiangsu' },
    token: 'stable',
    rewardBps: 500,
    palette: ['#8c1d40', '#f7e1e8'],
    blurb: {
      'zh-CN': '{zh}：22 姆米桑蚕丝，手工苏绣点缀，可机洗（冷水轻柔）。',
      en: '{en}: 22-momme mulberry silk with hand embroidery; machine washable (cold, gentle).',
    },
    products: [
      { en: 'Embroidered Silk Scarf', zh: '苏绣真丝围巾', price: 85 },
      { en: 'Silk Pajama Set', zh: '真丝睡衣套装', price: 160 },
      { en: 'Qipao-collar Shirt', zh: '立领衬衫', price: 98 },
      { en: 'Silk Eye Mask', zh: '真丝眼罩', price: 18 },
      { en: 'Linen Tang Jacket', zh: '亚麻唐装外套', price: 138 },
      { en: 'Silk Pocket Square', zh: '真丝口袋巾', price: 24 },
      { en: 'Embroidered Tote', zh: '刺绣托特包', price: 45 },
      { en: 'Silk Hair Scrunchies (3)', zh: '真丝发圈（三只装）', price: 15 },
    ],
    provenance: [
      {
        kind: 'origin',
        location: '震泽, 苏州 Zhenze, Suzhou',
        actor: 'Taihu Silk Reeling Mill',
        evidence: {
          title: { 'zh-CN': '蚕丝来源证明', en: 'Silk origin statement' },
          issuer: 'Taihu Silk Reeling Mill',
          facts: { fiber: '100% mulberry silk', momme: '22' },
        },
      },
      {
        kind: 'production',
        location: '苏州 Suzhou',
        actor: '苏绣衣坊 Suzhou Silk House',
        evidence: {
          title: { 'zh-CN': '刺绣工时', en: 'Embroidery hours' },
          issuer: 'Suzhou Silk House',
          facts: { hours: '6', embroiderer: 'Li Mei' },
        },
      },
      {
        kind: 'inspection',
        location: '苏州 Suzhou',
        actor: 'OEKO-TEX',
        evidence: {
          title: { 'zh-CN': 'OEKO-TEX 100 认证', en: 'OEKO-TEX Standard 100' },
          issuer: 'OEKO-TEX',
          facts: { certificate: '21.HCN.12345', class: 'II' },
        },
      },
    ],
  },
  {
    category: 'books',
    name: { 'zh-CN': '链上书局', en: 'Chain Street Books' },
    description: {
      'zh-CN': '独立书店：中英双语读物、线装古籍复刻与签名本。',
      en: 'An independent bookshop: bilingual reads, thread-bound classic reprints and signed copies.',
    },
    location: { 'zh-CN': '北京', en: 'Beijing' },
    token: 'stable',
    rewardBps: 400,
    palette: ['#5b3a29', '#f3e9dc'],
    blurb: {
      'zh-CN': '{zh}：全新正版，牛皮纸包装，附手写书签。',
      en: '{en}: brand new, wrapped in kraft paper, with a handwritten bookmark.',
    },
    products: [
      { en: 'The Three-Body Problem (signed)', zh: '《三体》签名本', price: 45 },
      { en: 'Tao Te Ching, thread-bound', zh: '线装《道德经》', price: 38 },
      { en: 'Dream of the Red Chamber (4 vols)', zh: '《红楼梦》四册', price: 66 },
      { en: 'Mastering Ethereum (Chinese ed.)', zh: '《精通以太坊》', price: 29 },
      { en: 'Illustrated Classic of Tea', zh: '《茶经》图解', price: 26 },
      { en: 'Calligraphy Practice Set', zh: '书法字帖套装', price: 19 },
      { en: 'Bilingual Poetry of Li Bai', zh: '《李白诗选》中英对照', price: 22 },
      { en: 'First Edition Map Print', zh: '古地图复刻', price: 0.01, token: 'eth' },
    ],
    provenance: [
      {
        kind: 'origin',
        location: '北京 Beijing',
        actor: '中信出版社 CITIC Press',
        evidence: {
          title: { 'zh-CN': '出版社发货单', en: 'Publisher dispatch note' },
          issuer: 'CITIC Press',
          facts: { isbn: '978-7-5086-0000-0', print: '2024 reprint' },
        },
      },
      {
        kind: 'storage',
        location: '朝阳, 北京 Chaoyang, Beijing',
        actor: '链上书局 Chain Street Books',
        evidence: {
          title: { 'zh-CN': '入库记录', en: 'Stock-in record' },
          issuer: 'Chain Street Books',
          facts: { shelf: 'B-12', humidity: '45%' },
        },
      },
    ],
  },
  {
    category: 'food',
    name: { 'zh-CN': '云南山货铺', en: 'Yunnan Highland Pantry' },
    description: {
      'zh-CN': '直采云南高原的菌菇、咖啡与蜂蜜，产地直发，冷链可追溯。',
      en: 'Mushrooms, coffee and honey bought straight from Yunnan highland farms, shipped with a traceable cold chain.',
    },
    location: { 'zh-CN': '云南昆明', en: 'Kunming, Yunnan' },
    token: 'stable',
    rewardBps: 300,
    palette: ['#a0522d', '#fff3d6'],
    blurb: {
      'zh-CN': '{zh}：高原产地直采，无添加，开封后请冷藏。',
      en: '{en}: bought direct from highland farms, no additives; refrigerate after opening.',
    },
    products: [
      { en: 'Dried Porcini', zh: '干牛肝菌', price: 36 },
      { en: 'Pu\'er Coffee Beans', zh: '普洱咖啡豆', price: 24 },
      { en: 'Wild Mountain Honey', zh: '野生山蜂蜜', price: 28 },
      { en: 'Rose Flower Cakes', zh: '鲜花饼', price: 16 },
      { en: 'Xuanwei Ham Slices', zh: '宣威火腿切片', price: 42 },
      { en: 'Black Truffle Sauce', zh: '黑松露酱', price: 35 },
      { en: 'Highland Walnuts', zh: '高原核桃', price: 20 },
      { en: 'Matsutake Gift Box', zh: '松茸礼盒', price: 0.04, token: 'eth' },
    ],
    provenance: [
      {
        kind: 'origin',
        location: '楚雄, 云南 Chuxiong, Yunnan',
        actor: 'Chuxiong Highland Cooperative',
        evidence: {
          title: { 'zh-CN': '合作社采购单', en: 'Cooperative purchase note' },
          issuer: 'Chuxiong Highland Cooperative',
          facts: { altitude: '2100 m', harvest: 'August' },
        },
      },
      {
        kind: 'inspection',
        location: '昆明 Kunming',
        actor: 'Yunnan Food Safety Lab',
        evidence: {
          title: { 'zh-CN': '食品安全检测', en: 'Food safety test' },
          issuer: 'Yunnan Food Safety Lab',
          facts: { microbiology: 'pass', heavyMetals: 'pass' },
        },
      },
      {
        kind: 'storage',
        location: '昆明 Kunming',
        actor: 'Kunming Cold Chain Hub',
        evidence: {
          title: { 'zh-CN': '冷链温度记录', en: 'Cold-chain temperature log' },
          issuer: 'Kunming Cold Chain Hub',
          facts: { range: '2-6 C', excursions: '0' },
        },
      },
    ],
  },
  {
    category: 'crafts',
    name: { 'zh-CN': '匠心手作', en: 'Artisan Hands Collective' },
    description: {
      'zh-CN': '非遗手艺人合作社：竹编、剪纸、木雕与油纸伞。',
      en: 'A collective of intangible-heritage craftspeople: bamboo weaving, paper cutting, wood carving, oil-paper umbrellas.',
    },
    location: { 'zh-CN': '四川成都', en: 'Chengdu, Sichuan' },
    token: 'stable',
    rewardBps: 250,
    palette: ['#b8860b', '#fdf5e6'],
    blurb: {
      'zh-CN': '{zh}：非遗传承人手工制作，每件略有不同，附制作者卡片。',
      en: '{en}: made by hand by a heritage craftsperson; each piece differs slightly and comes with a maker card.',
    },
    products: [
      { en: 'Bamboo-woven Tea Tray', zh: '竹编茶盘', price: 58 },
      { en: 'Oil-paper Umbrella', zh: '油纸伞', price: 72 },
      { en: 'Paper-cut Window Art', zh: '窗花剪纸', price: 12 },
      { en: 'Camphor Wood Comb', zh: '樟木梳', price: 18 },
      { en: 'Shu Embroidery Panda', zh: '蜀绣熊猫', price: 128 },
      { en: 'Lacquer Coaster Set', zh: '漆器杯垫套装', price: 34 },
      { en: 'Clay Teapot (Zisha)', zh: '紫砂壶', price: 0.05, token: 'eth' },
      { en: 'Kite, Swallow Pattern', zh: '沙燕风筝', price: 26 },
    ],
    provenance: [
      {
        kind: 'production',
        location: '青神, 四川 Qingshen, Sichuan',
        actor: '张传承人 Heritage artisan Zhang',
        evidence: {
          title: { 'zh-CN': '非遗传承人证书', en: 'Heritage artisan certificate' },
          issuer: 'Sichuan Intangible Cultural Heritage Center',
          facts: { registry: 'SC-ICH-0421' },
        },
      },
      {
        kind: 'inspection',
        location: '成都 Chengdu',
        actor: 'Artisan Hands Collective',
        evidence: {
          title: { 'zh-CN': '出厂检验', en: 'Final inspection' },
          issuer: 'Artisan Hands Collective',
          facts: { inspector: 'Wu', result: 'pass' },
        },
      },
    ],
  },
  {
    category: 'beauty',
    name: { 'zh-CN': '花间本草', en: 'Herbal Bloom Apothecary' },
    description: {
      'zh-CN': '以本草古方为灵感的护肤品，小批量冷制，成分全公开。',
      en: 'Skincare inspired by classical herbal recipes, cold-processed in small batches, every ingredient disclosed.',
    },
    location: { 'zh-CN': '上海', en: 'Shanghai' },
    token: 'stable',
    rewardBps: 600,
    palette: ['#6a4c93', '#f3eefc'],
    blurb: {
      'zh-CN': '{zh}：小批量冷制，无香精无酒精，开封后 12 个月内使用。',
      en: '{en}: cold-processed in small batches, fragrance- and alcohol-free; use within 12 months of opening.',
    },
    products: [
      { en: 'Camellia Seed Face Oil', zh: '山茶籽面部精油', price: 32 },
      { en: 'Osmanthus Hand Cream', zh: '桂花护手霜', price: 14 },
      { en: 'Ginseng Serum', zh: '人参精华', price: 55 },
      { en: 'Rice Water Toner', zh: '米水爽肤水', price: 22 },
      { en: 'Jade Roller', zh: '玉石滚轮', price: 28 },
      { en: 'Chrysanthemum Eye Cream', zh: '菊花眼霜', price: 38 },
      { en: 'Herbal Bath Salts', zh: '本草浴盐', price: 16 },
      { en: 'Peony Lip Balm', zh: '牡丹润唇膏', price: 9 },
    ],
    provenance: [
      {
        kind: 'origin',
        location: '菏泽, 山东 Heze, Shandong',
        actor: 'Heze Peony Farm',
        evidence: {
          title: { 'zh-CN': '原料来源', en: 'Raw material origin' },
          issuer: 'Heze Peony Farm',
          facts: { ingredient: 'peony seed oil', organic: 'yes' },
        },
      },
      {
        kind: 'production',
        location: '上海 Shanghai',
        actor: '花间本草 Herbal Bloom Apothecary',
        evidence: {
          title: { 'zh-CN': '批次记录', en: 'Batch record' },
          issuer: 'Herbal Bloom Apothecary',
          facts: { batch: 'HB-1107', process: 'cold' },
        },
      },
      {
        kind: 'inspection',
        location: '上海 Shanghai',
        actor: 'Shanghai Cosmetics Testing Institute',
        evidence: {
          title: { 'zh-CN': '微生物与重金属检测', en: 'Microbial and heavy-metal test' },
          issuer: 'Shanghai Cosmetics Testing Institute',
          facts: { result: 'pass' },
        },
      },
    ],
  },
];

export const BUYER_ADDRESSES = [
  { name: '张伟', city: '北京', address: '朝阳区建国路 88 号 3 单元 1201', postalCode: '100022', country: 'CN', phone: '+86 138 0000 0001' },
  { name: 'Alice Martin', city: 'Lyon', address: '12 rue de la République', postalCode: '69002', country: 'FR', phone: '+33 6 00 00 00 02' },
  { name: '李娜', city: '上海', address: '徐汇区漕溪北路 18 号 502 室', postalCode: '200030', country: 'CN', phone: '+86 139 0000 0003' },
  { name: 'Ken Watanabe', city: 'Osaka', address: '2-1-3 Namba, Chuo-ku', postalCode: '542-0076', country: 'JP', phone: '+81 90 0000 0004' },
  { name: '王芳', city: '深圳', address: '南山区科技园南区 7 栋 9 楼', postalCode: '518057', country: 'CN', phone: '+86 137 0000 0005' },
];

export const REVIEWS: { rating: number; lang: 'zh-CN' | 'en'; text: string }[] = [
  { rating: 5, lang: 'zh-CN', text: '包装很用心，味道和描述一致，会回购。' },
  { rating: 5, lang: 'en', text: 'Exactly as described, arrived early and beautifully packed.' },
  { rating: 4, lang: 'zh-CN', text: '质量不错，物流稍慢了一天。' },
  { rating: 4, lang: 'en', text: 'Great quality; the box was a bit dented but the item was fine.' },
  { rating: 3, lang: 'en', text: 'Good but smaller than I expected from the photos.' },
  { rating: 5, lang: 'zh-CN', text: '溯源信息很完整，检测报告都能查到，放心。' },
  { rating: 2, lang: 'zh-CN', text: '颜色和图片有差异，和卖家沟通后给了部分补偿。' },
  { rating: 5, lang: 'en', text: 'Provenance checks out on chain. Lovely seller.' },
];

export const REPLIES: { lang: 'zh-CN' | 'en'; text: string }[] = [
  { lang: 'zh-CN', text: '感谢支持！期待您再次光临。' },
  { lang: 'en', text: 'Thank you! We added extra padding to our boxes since.' },
  { lang: 'zh-CN', text: '抱歉给您带来不便，已改进拍照光线。' },
];

export const DISPUTE_STATEMENTS: { lang: 'zh-CN' | 'en'; text: string }[] = [
  { lang: 'zh-CN', text: '收到的商品有裂纹，附照片。请求全额退款。' },
  { lang: 'en', text: 'Parcel marked delivered but never arrived. Requesting a refund.' },
  { lang: 'zh-CN', text: '商品与描述不符（规格错误），希望部分退款。' },
];

export const MERCHANT_RESPONSES: { lang: 'zh-CN' | 'en'; text: string }[] = [
  { lang: 'zh-CN', text: '发货前有质检照片，可能是运输损坏，愿意承担一半。' },
  { lang: 'en', text: 'The courier confirms delivery to the building lobby; tracking attached.' },
];
