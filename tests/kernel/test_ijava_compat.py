"""IJava's display and Maven magics, through a real Jupyter client."""
import subprocess
import textwrap


def test_display_a_string_as_markup(kernel):
    r = kernel.ok('display("<b>x</b>", "text/html");\n'
                  'display("*stations*", "text/markdown");\n'
                  'display("$x^2$", "text/latex");')
    shown = [m["content"]["data"] for m in r.of_type("display_data")]
    assert shown == [{"text/html": "<b>x</b>"}, {"text/markdown": "*stations*"}, {"text/latex": "$x^2$"}]


def test_display_of_a_non_string_in_a_form_it_lacks_still_says_so(kernel):
    r = kernel.execute('display(42, "text/html");')
    assert r.status == "error" and "Cannot show java.lang.Integer as text/html" in r.error["evalue"]


def local_repository(tmp_path, artifact, class_name, value):
    """A file:// Maven repository holding io.streamlab.test:<artifact>:1.0 with one class."""
    src = tmp_path / f"{artifact}-src"
    src.mkdir()
    (src / f"{class_name}.java").write_text(
        f"package gauges; public class {class_name} {{ public static String reading() {{ return \"{value}\"; }} }}")
    subprocess.run(["javac", "-d", str(src), str(src / f"{class_name}.java")], check=True)
    repo = tmp_path / "repo"
    home = repo / "io" / "streamlab" / "test" / artifact / "1.0"
    home.mkdir(parents=True)
    subprocess.run(["jar", "cf", str(home / f"{artifact}-1.0.jar"), "-C", str(src), f"gauges/{class_name}.class"], check=True)
    (home / f"{artifact}-1.0.pom").write_text(textwrap.dedent(f"""\
        <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
          <groupId>io.streamlab.test</groupId><artifactId>{artifact}</artifactId><version>1.0</version>
        </project>"""))
    return repo


def test_maven_repo_magic_adds_a_repository(kernel, tmp_path):
    repo = local_repository(tmp_path, "hygrometer", "Hygrometer", "54 %")
    r = kernel.execute("%maven io.streamlab.test:hygrometer:1.0", timeout=240)
    assert r.status == "error", "not resolvable before the repository is added"
    r = kernel.ok(f"%mavenRepo streamlab-local {repo.as_uri()}")
    assert "Added repository streamlab-local" in r.stream()
    r = kernel.execute("%maven io.streamlab.test:hygrometer:1.0", timeout=240)
    assert r.status == "ok", r.error
    assert "54 %" in kernel.ok("gauges.Hygrometer.reading()").text


def test_maven_repo_magic_rejects_a_non_url(kernel):
    r = kernel.execute("%mavenRepo only-an-id")
    assert r.status == "error" and "Usage: %mavenRepo id url" in r.error["evalue"]
    r = kernel.execute("%mavenRepo x not-a-url")
    assert r.status == "error" and "not a repository URL" in r.error["evalue"]


def test_load_from_pom_resolves_its_dependencies_and_repositories(kernel, tmp_path):
    repo = local_repository(tmp_path, "pluviometer", "Pluviometer", "3 mm")
    r = kernel.execute(textwrap.dedent(f"""\
        %%loadFromPOM
        <repositories>
          <repository><id>pom-local</id><url>{repo.as_uri()}</url></repository>
        </repositories>
        <dependencies>
          <dependency>
            <groupId>io.streamlab.test</groupId>
            <artifactId>pluviometer</artifactId>
            <version>${{gauge.version}}</version>
          </dependency>
        </dependencies>
        <properties><gauge.version>1.0</gauge.version></properties>"""), timeout=240)
    assert r.status == "ok", r.error
    assert "pluviometer-1.0.jar" in r.stream()
    assert "3 mm" in kernel.ok("gauges.Pluviometer.reading()").text


def test_load_from_pom_without_dependencies_says_what_to_write(kernel):
    r = kernel.execute("%%loadFromPOM\n<properties/>")
    assert r.status == "error" and "has no <dependency>" in r.error["evalue"]
    r = kernel.execute("%%loadFromPOM\n<dependency><groupId>x</groupId>")
    assert r.status == "error" and "not well-formed XML" in r.error["evalue"]


def test_lsmagic_lists_the_pom_magics(kernel):
    out = kernel.ok("%lsmagic").stream()
    assert "%mavenRepo" in out and "%%loadFromPOM" in out
