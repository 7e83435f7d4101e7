// Opens Jupyter's tree page in headless Chromium, opens a Java notebook by clicking its name, runs
// its cells one by one with Shift+Enter, and prints each cell's output text as one JSON line.
// Usage: node run_notebook_like_a_user.mjs <jupyter url with token> <notebook file name> <screenshot.png>
import { chromium } from "playwright-core";

const [url, notebookName, screenshotPath] = process.argv.slice(2);
if (!url || !notebookName || !screenshotPath) {
  console.error("usage: node run_notebook_like_a_user.mjs <url> <notebook.ipynb> <screenshot.png>");
  process.exit(2);
}

const CELL_DEADLINE_MS = 60_000;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  // No sandbox as root; no background networking, which this closed network would refuse.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext();
  const tree = await context.newPage();
  await tree.goto(url);
  const link = tree.locator("a.item_link", { hasText: notebookName });
  await link.waitFor({ timeout: 30_000 });
  const [notebook] = await Promise.all([context.waitForEvent("page"), link.click()]);

  // The kernel is ready when the notebook's kernel object reports a live connection and is idle.
  await notebook.waitForFunction(
    () => window.Jupyter?.notebook?.kernel?.is_connected() &&
          document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null,
    null, { timeout: CELL_DEADLINE_MS });
  const kernelName = await notebook.evaluate(() => Jupyter.notebook.kernel.name);

  const cells = notebook.locator(".cell.code_cell");
  // Counted once: Shift+Enter on the last cell adds a new empty one below it.
  const cellCount = await cells.count();
  const outputs = [];
  for (let index = 0; index < cellCount; index++) {
    const cell = cells.nth(index);
    await cell.locator(".CodeMirror").click();
    await notebook.keyboard.press("Shift+Enter");
    // A finished cell shows its execution count in the prompt: "In [3]:" instead of "In [*]:".
    await cell.locator(".input_prompt").filter({ hasText: /In\s*\[\d+\]/ })
      .waitFor({ timeout: CELL_DEADLINE_MS });
    outputs.push(await cell.locator(".output_subarea").allInnerTexts());
  }
  await notebook.screenshot({ path: screenshotPath, fullPage: true });
  console.log(JSON.stringify({ kernelName, outputs }));
} finally {
  await browser.close();
}
