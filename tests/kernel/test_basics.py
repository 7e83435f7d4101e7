"""Values, streams, errors, magics, completion and inspection through a real Jupyter client."""
import os
import re
import subprocess
import tempfile
import textwrap
import time


def test_expression_value_is_the_result(kernel):
    r = kernel.ok("int a = 20;\na + 22")
    assert r.text == "42"
    assert r.reply["content"]["execution_count"] >= 1


def test_statements_and_declarations_have_no_result(kernel):
    r = kernel.ok('int unshown = 5;\nSystem.out.println("side effect");')
    assert r.data is None
    assert r.stream() == "side effect\n"


def test_state_survives_between_cells(kernel):
    kernel.ok("String greet(String who) { return \"hello \" + who; }")
    assert kernel.ok('greet("streamlab")').text == "hello streamlab"


def test_stdout_and_stderr_are_separate_streams(kernel):
    r = kernel.ok('System.out.println("to out"); System.err.println("to err");')
    assert r.stream("stdout") == "to out\n"
    assert r.stream("stderr") == "to err\n"


def test_output_streams_live_while_the_cell_runs(kernel):
    arrivals = {}

    def note(msg):
        if msg["msg_type"] == "stream":
            for word in ("first", "second"):
                if word in msg["content"]["text"]:
                    arrivals.setdefault(word, time.monotonic())

    kernel.execute('System.out.println("first"); Thread.sleep(1500); System.out.println("second");',
                   expect_ok=True, on_message=note)
    assert arrivals["second"] - arrivals["first"] > 1.0, "the first line was held back until the cell ended"


def test_many_prints_are_batched_and_nothing_is_lost(kernel):
    r = kernel.ok("for (int i = 0; i < 2000; i++) System.out.println(\"line \" + i);")
    lines = r.stream().splitlines()
    assert lines == [f"line {i}" for i in range(2000)]
    assert len(r.of_type("stream")) < 200, "each println became its own message"


def test_compile_error_shows_the_line_and_a_caret(kernel):
    r = kernel.execute('int fine = 1;\nint broken = "text";')
    assert r.status == "error"
    assert r.error["ename"] == "CompilationException"
    tb = r.error["traceback"]
    assert tb[0] == "line 2:"
    assert tb[1] == 'int broken = "text";'
    assert tb[2] == " " * len("int broken = ") + "^"
    assert any("incompatible types" in line for line in tb)


def test_runtime_error_shows_exception_message_and_cause_chain(kernel):
    r = kernel.execute(textwrap.dedent("""\
        void load() {
            try {
                Integer.parseInt("x");
            } catch (NumberFormatException e) {
                throw new IllegalStateException("station file is corrupt", e);
            }
        }
        load();"""))
    assert r.status == "error"
    assert r.error["ename"] == "IllegalStateException"
    assert r.error["evalue"] == "station file is corrupt"
    tb = r.error["traceback"]
    assert tb[0] == "java.lang.IllegalStateException: station file is corrupt"
    assert any(re.match(r"\tat load\(Cell In\[\d+\], line 5\)", line) for line in tb), tb
    assert any(re.match(r"\tat <cell>\(Cell In\[\d+\], line 8\)", line) for line in tb), tb
    assert any(line.startswith("Caused by: java.lang.NumberFormatException") for line in tb)
    assert not any("jdk.jshell" in line or "io.streamlab.kernel" in line or "reflect" in line for line in tb), tb


def test_kernel_still_works_after_errors(kernel):
    kernel.execute("throw new RuntimeException(\"boom\");")
    assert kernel.ok("1 + 1").text == "2"


def test_unknown_magic_is_a_clear_error(kernel):
    r = kernel.execute("%nosuchmagic foo")
    assert r.status == "error"
    assert "Unknown line magic %nosuchmagic" in r.error["evalue"]
    assert "%lsmagic" in r.error["evalue"]
    r = kernel.execute("%%nosuchcell\n1")
    assert r.status == "error"
    assert "Unknown cell magic %%nosuchcell" in r.error["evalue"]


def test_lsmagic_lists_ijava_magics(kernel):
    out = kernel.ok("%lsmagic").stream()
    for magic in ("%jars", "%classpath", "%maven", "%load", "%lsmagic", "%time", "%%time"):
        assert magic in out


def test_time_line_and_cell_magics_report_cpu_and_wall_time(kernel):
    r = kernel.ok("%time Thread.sleep(300)")
    wall = re.search(r"Wall time: ([\d.]+) (ms|s)", r.stream())
    assert wall and "CPU times: user" in r.stream()
    assert float(wall.group(1)) * (1000 if wall.group(2) == "s" else 1) >= 290
    r = kernel.ok("%%time\nlong s = 0;\nfor (int i = 0; i < 1000; i++) s += i;\ns")
    assert r.text == "499500"
    assert "CPU times: user" in r.stream() and "Wall time:" in r.stream()


def test_magics_run_in_order_with_code(kernel):
    r = kernel.ok('System.out.println("before");\n%lsmagic\nSystem.out.println("after");')
    out = r.stream()
    assert out.index("before") < out.index("Available line magics") < out.index("after")


def test_load_runs_a_file(kernel, tmp_path):
    script = tmp_path / "helpers.jsh"
    script.write_text('int loadedValue() { return 7; }\nSystem.out.println("loaded");\n')
    r = kernel.ok(f"%load {script}")
    assert "loaded" in r.stream()
    assert kernel.ok("loadedValue() * 6").text == "42"


def _compile_class(directory, name, body):
    # Snippets live in a package, and Java cannot import from the unnamed package.
    src = directory / f"{name}.java"
    src.write_text(body)
    subprocess.run(["javac", "-d", str(directory), str(src)], check=True)


def test_classpath_and_jars_magics_make_classes_importable(kernel, tmp_path):
    classes = tmp_path / "classes"
    classes.mkdir()
    _compile_class(classes, "Barometer", "package gauges; public class Barometer { public static int hPa() { return 1013; } }")
    kernel.ok(f"%classpath {classes}")
    assert kernel.ok("gauges.Barometer.hPa()").text == "1013"

    jar_dir = tmp_path / "jarsrc"
    jar_dir.mkdir()
    _compile_class(jar_dir, "Anemometer", "package gauges; public class Anemometer { public static String unit() { return \"m/s\"; } }")
    subprocess.run(["jar", "cf", str(tmp_path / "anemometer.jar"), "-C", str(jar_dir), "gauges/Anemometer.class"], check=True)
    r = kernel.ok(f"%jars {tmp_path}/*.jar")
    assert "Added 1 jar" in r.stream()
    assert kernel.ok("import gauges.Anemometer;\nAnemometer.unit()").text == "m/s"


def test_jars_magic_with_no_match_says_so(kernel, tmp_path):
    r = kernel.execute(f"%jars {tmp_path}/nothing-*.jar")
    assert r.status == "error"
    assert "no jar matches" in r.error["evalue"]


def test_maven_magic_resolves_with_transitive_dependencies(kernel):
    # caffeine needs checker-qual and error_prone_annotations: both must come along.
    r = kernel.execute("%maven com.github.ben-manes.caffeine:caffeine:3.1.8", timeout=240)
    assert r.status == "ok", r.error
    out = r.stream()
    assert "caffeine-3.1.8.jar" in out
    assert "checker-qual" in out or "checker-qual" in kernel_classpath(kernel)
    v = kernel.ok(textwrap.dedent("""\
        import com.github.benmanes.caffeine.cache.*;
        Cache<String, Integer> cache = Caffeine.newBuilder().maximumSize(10).build();
        cache.put("A", 1);
        cache.getIfPresent("A")"""))
    assert v.text == "1"


def test_maven_magic_commons_lang3_uses_the_kernels_copy(kernel):
    r = kernel.execute("%maven org.apache.commons:commons-lang3:3.14.0", timeout=240)
    assert r.status == "ok", r.error
    assert "commons-lang3" in r.stream()
    assert kernel.ok('org.apache.commons.lang3.StringUtils.capitalize("station")').text == "Station"


def test_maven_magic_rejects_a_bad_coordinate(kernel):
    r = kernel.execute("%maven not-a-coordinate")
    assert r.status == "error"
    assert "group:artifact:version" in r.error["evalue"]


def kernel_classpath(kernel):
    return kernel.ok('System.getProperty("java.class.path")').text


def test_completion_offers_members(kernel):
    kernel.ok('String station = "A";')
    code = "station.toUpp"
    reply = kernel.request(lambda: kernel.kc.complete(code, len(code)))
    assert reply["status"] == "ok"
    assert "toUpperCase(" in reply["matches"]
    assert reply["cursor_start"] == len("station.")
    assert reply["cursor_end"] == len(code)


def test_completion_in_a_later_statement_of_the_cell(kernel):
    code = "int n = 1;\nMath.ab"
    reply = kernel.request(lambda: kernel.kc.complete(code, len(code)))
    assert "abs(" in reply["matches"]
    assert reply["cursor_start"] == code.index("ab")


def test_inspection_shows_the_signature(kernel):
    code = "Math.max"
    reply = kernel.request(lambda: kernel.kc.inspect(code, len(code)))
    assert reply["status"] == "ok" and reply["found"]
    assert "max(int" in reply["data"]["text/plain"]


def test_is_complete(kernel):
    assert kernel.request(lambda: kernel.kc.is_complete("int x = 1;"))["status"] == "complete"
    incomplete = kernel.request(lambda: kernel.kc.is_complete("for (int i = 0; i < 3; i++) {"))
    assert incomplete["status"] == "incomplete"


def test_flood_of_output_is_split_into_bounded_messages_and_complete(kernel):
    r = kernel.ok('String row = "x".repeat(99);\nfor (int i = 0; i < 20_000; i++) System.out.println(row);', timeout=120)
    out = r.stream()
    assert len(out) == 20_000 * 100
    assert max(len(m["content"]["text"]) for m in r.of_type("stream")) <= 64 * 1024


def test_reading_system_in_asks_the_front_end(kernel):
    msg_id = kernel.kc.execute('String name = new Scanner(System.in).nextLine();\n"hello " + name', allow_stdin=True)
    request = kernel.kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    kernel.kc.input("station A")
    reply = kernel.shell_reply(msg_id, time.monotonic() + 30)
    assert reply["content"]["status"] == "ok"
    result = kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result",
                             timeout=10)
    assert result["content"]["data"]["text/plain"] == "hello station A"


def test_stack_overflow_is_reported_briefly_and_the_kernel_survives(kernel):
    r = kernel.execute("int depth(int n) { return depth(n + 1) + 1; }\ndepth(0)")
    assert r.status == "error"
    tb = r.error["traceback"]
    assert tb[0] == "java.lang.StackOverflowError"
    assert len(tb) < 20 and any("repeated" in line for line in tb)
    assert kernel.ok("2 + 2").text == "4"
