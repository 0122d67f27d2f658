import { serveSite } from "../tests/helpers/server.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
const server = await serveSite("/work/main/_site");
const browser = await launchBrowser();
for (const [w, h] of [[1280, 900], [375, 800]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`${server.origin}/docs/common/databases/setting-up-ssh-tunnel-for-database-connection`);
  await page.screenshot({ path: `/tmp/top-${w}.png` });
  await page.goto(`${server.origin}/docs/common/databases/setting-up-ssh-tunnel-for-database-connection#configure-ssh-server-stitch-access`);
  await page.screenshot({ path: `/tmp/step1-${w}.png` });
}
await browser.close(); await server.close();
