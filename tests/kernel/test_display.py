"""Rich display: images, charts, Tablesaw tables, display/render/updateDisplay."""
import base64
import textwrap

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_of(bundle):
    assert "image/png" in bundle, f"no PNG in {list(bundle)}"
    return base64.b64decode(bundle["image/png"])


def test_buffered_image_shows_as_png(kernel):
    r = kernel.ok(textwrap.dedent("""\
        import java.awt.image.BufferedImage;
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xff0000);
        img"""))
    png = png_of(r.data)
    assert png.startswith(PNG_MAGIC)
    assert "40x30" in r.text


def test_xchart_chart_shows_as_png(kernel):
    r = kernel.ok(textwrap.dedent("""\
        import org.knowm.xchart.*;
        XYChart chart = QuickChart.getChart("Degrees", "day", "°C", "A", new double[]{1, 2, 3}, new double[]{4, 6, 5});
        chart"""))
    assert png_of(r.data).startswith(PNG_MAGIC)
    assert "XYChart" in r.text


def test_tablesaw_table_shows_as_html_table(kernel):
    r = kernel.ok(textwrap.dedent("""\
        import tech.tablesaw.api.*;
        Table t = Table.create("stations",
            StringColumn.create("station", "A", "B"),
            DoubleColumn.create("degrees", 12.5, -3.0));
        t"""))
    html = r.data["text/html"]
    assert "<table" in html and "<th>station</th>" in html and "<td>-3</td>" in html and "<td>12.5</td>" in html
    assert "stations" in r.text


def test_display_returns_an_id_and_update_display_replaces_in_place(kernel):
    r = kernel.ok(textwrap.dedent("""\
        String id = display("first version");
        updateDisplay(id, "second version");
        id"""))
    shown = r.of_type("display_data")
    updated = r.of_type("update_display_data")
    assert len(shown) == 1 and len(updated) == 1
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert display_id == r.text
    assert updated[0]["content"]["transient"]["display_id"] == display_id
    assert shown[0]["content"]["data"]["text/plain"] == "first version"
    assert updated[0]["content"]["data"]["text/plain"] == "second version"


def test_live_refreshing_display_from_a_background_thread(kernel):
    r = kernel.ok(textwrap.dedent("""\
        String liveId = display("count 0");
        Thread refresher = new Thread(() -> {
            for (int i = 1; i <= 3; i++) {
                try { Thread.sleep(100); } catch (InterruptedException e) { return; }
                updateDisplay(liveId, "count " + i);
            }
        });
        refresher.start();"""))
    update = kernel.wait_for(
        lambda m: m["msg_type"] == "update_display_data" and m["content"]["data"]["text/plain"] == "count 3",
        timeout=10)
    assert update["parent_header"]["msg_id"] == r.msg_id


def test_render_with_mime_types_keeps_only_those(kernel):
    r = kernel.ok(textwrap.dedent("""\
        import tech.tablesaw.api.*;
        render(Table.create("t", IntColumn.create("x", 1, 2)), "text/html")"""))
    assert set(r.data) == {"text/html"}


def test_render_with_an_unavailable_mime_type_is_a_clear_error(kernel):
    r = kernel.execute('render("plain", "image/png")')
    assert r.status == "error"
    assert "Cannot show java.lang.String as image/png" in r.error["evalue"]
