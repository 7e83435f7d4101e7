"""Exercise notebooks from the solution notebooks: `./streamlab exercises [--force] [NAME...]`.

A solution notebook marks what a student writes with solution regions inside code cells, as nbgrader
does for Python::

    // BEGIN SOLUTION: the producer's settings — acks, retries, idempotence
    producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
    // END SOLUTION

The text after ``BEGIN SOLUTION:`` (our extension of nbgrader's syntax) says what to write; the exercise
version replaces the region with ``// YOUR CODE HERE`` and a ``throw`` that carries it. Markdown keeps
its questions; a ``<details><summary>Model answer</summary>…</details>`` block becomes a
"Your answer:" line.
"""
