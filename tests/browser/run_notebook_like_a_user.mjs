// Opens Jupyter's tree page in headless Chromium, opens a Java notebook by clicking its name, runs
// its cells one by one with Shift+Enter, and prints each cell's output text as one JSON line: as
// each cell finished, and again after the last one (output that threads and queries sent later).
// If a cell shows a live streaming-query panel, it takes two more screenshots a few batches apart
// (<screenshot>-panel-1.png, -panel-2.png) and reports the batch id each shows.
// Usage: node run_notebook_like_a_user.mjs <jupyter url with token> <notebook file name> <screenshot.png>
import { chromium } from "playwright-core";

const [url, notebookName, screenshotPath] = process.argv.slice(2);
if (!url || !notebookName || !screenshotPath) {
  console.error("usage: node run_notebook_like_a_user.mjs <url> <notebook.ipynb> <screenshot.png>");
  process.exit(2);
}

const CELL_DEADLINE_MS = 180_000;
const PANEL_BATCHES_APART = 3;

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
  const finalOutputs = [];
  for (let index = 0; index < cellCount; index++) {
    finalOutputs.push(await cells.nth(index).locator(".output_subarea").allInnerTexts());
  }
  const panelBatches = await watchQueryPanel(notebook, screenshotPath);
  console.log(JSON.stringify({ kernelName, outputs, finalOutputs, panelBatches }));
} finally {
  await browser.close();
}

// The batch id a live query panel shows, read twice a few batches apart, with a screenshot each time.
async function watchQueryPanel(page, screenshot) {
  if (await page.locator(".streamlab-query").count() === 0) {
    return [];
  }
  const batch = page.locator(".streamlab-query .batch").first();
  await batch.waitFor({ timeout: CELL_DEADLINE_MS });
  const shown = async () => Number(await batch.innerText());
  const first = await shown();
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-panel-1.png"), fullPage: true });
  await page.waitForFunction(
    (least) => Number(document.querySelector(".streamlab-query .batch")?.textContent) >= least,
    first + PANEL_BATCHES_APART, { timeout: CELL_DEADLINE_MS });
  const second = await shown();
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-panel-2.png"), fullPage: true });
  return [first, second];
}
