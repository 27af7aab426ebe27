// Uploads where the network has no IPFS node of its own: a merchant points Settings at a Storacha upload
// service (here Storacha's own service logic, @storacha/upload-api, on 127.0.0.1: test/storacha/service.ts),
// logs in by email from the listing editor (the test confirms the email, as upload-api's tests do), gets a
// space and uploads a listing photo through the same FileField the site uses; the CID the page puts in the
// listing is the photo's own and the service registered it in the merchant's space. A buyer does the same
// in Chinese on a phone-sized screen from the review form of a finished order: logs in, attaches a photo
// (PhotoPicker), publishes the review, and the photo and the review document are both in the buyer's space.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { fileCid } from "../../web/lib/ipfs/cid.ts";
import {
  startStorachaService,
  type StorachaTestService,
} from "../storacha/service.ts";
import { expect, test } from "./fixtures.ts";
import {
  buyListing,
  createListing,
  escrow,
  send,
  waitForIndexer,
} from "./market.ts";
import { KEYS, platform } from "./platform.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let service: StorachaTestService;
test.beforeAll(async () => {
  service = await startStorachaService();
});
test.afterAll(() => service?.close());

/** Points Settings at the local service and prefers it over the platform's IPFS node (labels in either language). */
async function useStorachaService(
  page: Page,
  visit: (path?: string) => Promise<void>,
) {
  await visit("settings/");
  const settings = page.getByTestId("storacha-form");
  await settings.getByLabel(/Service URL|服务 URL/).fill(service.url);
  await settings.getByLabel(/Service DID|服务 DID/).fill(service.did);
  await settings
    .getByLabel(
      /Upload with Storacha even where|即使此网络的 IPFS 节点可以上传/,
    )
    .check();
  await settings.getByRole("button", { name: /^(Save|保存)$/ }).click();
}

/** axe finds nothing at WCAG 2 A/AA, and nothing scrolls sideways. */
async function expectTidy(page: Page) {
  expect(
    await page.evaluate(
      () =>
        document.documentElement.scrollWidth -
        document.documentElement.clientWidth,
    ),
  ).toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa"])
    .analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`,
    ),
  ).toEqual([]);
}

test.describe("merchant", () => {
  test.use({ walletKey: KEYS.merchantA });

  test("a merchant logs in to Storacha, gets a space and uploads a listing photo; the CID is checked", async ({
    page,
    visit,
    connect,
  }) => {
    await useStorachaService(page, visit);

    await visit("sell/listing/");
    await connect();
    const login = page.getByTestId("image-storacha");
    await expect(login).toContainText("Log in to Storacha");
    await expect(page.getByLabel("Upload an image")).toHaveCount(0);
    await login.getByLabel("Email").fill("merchant@example.com");
    await login.getByRole("button", { name: "Send login link" }).click();
    await expect(page.getByTestId("image-storacha-waiting")).toContainText(
      "merchant@example.com",
    );
    expect(await service.confirmNextLogin()).toBe("merchant@example.com");
    await expect(page.getByTestId("image-storacha-ready")).toContainText(
      '"ChainMart" (merchant@example.com)',
      { timeout: 30_000 },
    );

    await page
      .getByLabel("Upload an image")
      .setInputFiles({ name: "bowl.png", mimeType: "image/png", buffer: PNG });
    await expect(page.getByTestId("images").locator("li")).toHaveCount(1, {
      timeout: 30_000,
    });
    const src = await page
      .getByTestId("images")
      .locator("img")
      .first()
      .getAttribute("src");
    const cid = src?.match(/\/ipfs\/(baf[a-z0-9]+)/)?.[1];
    expect(cid).toBe(await fileCid(new Uint8Array(PNG)));
    const record = JSON.parse(
      (await page.evaluate(() => localStorage.getItem("chainmart:storacha"))) ??
        "null",
    );
    expect(record?.space).toMatch(/^did:key:/);
    expect(await service.uploads(record.space)).toEqual([cid]);
  });
});

test.describe("buyer, in Chinese on a phone", () => {
  test.use({
    walletKey: KEYS.fresh3,
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
  });

  test("reviews a finished order with a photo uploaded to their own Storacha space", async ({
    page,
    visit,
    connect,
  }) => {
    const p = platform();
    const listed = await fetch(p.subgraph, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ listings(first: 1) { metadataURI } }" }),
    });
    const { metadataURI } = (await listed.json()).data.listings[0] as {
      metadataURI: string;
    };
    const listingId = await createListing(
      KEYS.merchantA,
      {
        title: `Storacha 评价茶杯 ${Date.now()}`,
        category: "tea",
        metadataURI,
      },
      p,
    );
    const { orderId, terms } = await buyListing(p, KEYS.fresh3, listingId, 1);
    await send(p, KEYS.merchantA, {
      ...escrow(p),
      functionName: "ship",
      args: [orderId, terms, "顺丰", `SF-ST-${orderId}`],
    });
    await send(p, KEYS.fresh3, {
      ...escrow(p),
      functionName: "confirmReceipt",
      args: [orderId, terms],
    });
    await waitForIndexer(p);

    await useStorachaService(page, visit);
    await visit(`orders/?id=${orderId}`);
    await connect();
    const form = page.getByTestId("review-form");
    // No uploader yet: the login is offered (in Chinese), with pasting a CID as the way around it.
    const login = form.getByTestId("review-storacha");
    await expect(login).toContainText("登录 Storacha");
    await expect(form.getByLabel(/照片/)).toHaveCount(0);
    await expectTidy(page);

    await login.getByLabel("邮箱").fill("buyer@example.com");
    await login.getByRole("button", { name: "发送登录链接" }).click();
    await expect(form.getByTestId("review-storacha-waiting")).toContainText(
      "buyer@example.com",
    );
    expect(await service.confirmNextLogin()).toBe("buyer@example.com");
    await expect(form.getByTestId("review-storacha-ready")).toContainText(
      "「ChainMart」（buyer@example.com）",
      { timeout: 30_000 },
    );

    await form.getByLabel("4 星").check();
    const text = `杯子很好看（${orderId}）`;
    await form.getByLabel("评价内容（可选）").fill(text);
    await form
      .getByLabel("照片（可选，最多 3 张）")
      .setInputFiles({ name: "cup.png", mimeType: "image/png", buffer: PNG });
    const thumb = form.getByRole("img", { name: "照片 1" });
    await expect(thumb).toBeVisible({ timeout: 30_000 });
    const photoCid = (await thumb.getAttribute("src"))?.match(
      /\/ipfs\/(baf[a-z0-9]+)/,
    )?.[1];
    expect(photoCid).toBe(await fileCid(new Uint8Array(PNG)));
    await expectTidy(page);

    await form.getByRole("button", { name: "发布评价" }).click();
    await expect(page.getByText("你已评价此订单。")).toBeVisible({
      timeout: 60_000,
    });
    const record = JSON.parse(
      (await page.evaluate(() => localStorage.getItem("chainmart:storacha"))) ??
        "null",
    );
    const document = {
      schema: "chainmart.comment/1",
      lang: "zh-CN",
      text,
      images: [`ipfs://${photoCid}`],
    };
    const review = await fileCid(
      new TextEncoder().encode(JSON.stringify(document)),
    );
    expect((await service.uploads(record.space)).sort()).toEqual(
      [photoCid, review].sort(),
    );
  });
});
