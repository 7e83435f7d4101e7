package io.streamlab.kernel.exec;

/** One complete snippet of a cell, and where it starts in the cell (for error positions). */
record SnippetSource(String source, int offsetInCode) {
}
