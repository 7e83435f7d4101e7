package io.streamlab.kernel.magic;

import io.streamlab.kernel.exec.JShellSession;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * IJava's {@code %mavenRepo id url} and {@code %%loadFromPOM}. The cell of {@code %%loadFromPOM}
 * is a whole POM or just {@code <dependency>}, {@code <dependencies>}, {@code <repository>} or
 * {@code <repositories>} elements (and {@code <properties>} they refer to); its dependencies are
 * resolved like {@code %maven}'s.
 */
public final class PomMagics {
    private final MavenResolver resolver;
    private final MavenMagic maven;

    public PomMagics(MavenResolver resolver, MavenMagic maven) {
        this.resolver = resolver;
        this.maven = maven;
    }

    public Object mavenRepo(List<String> args, String raw, MagicContext context) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("Usage: %mavenRepo id url (for example %mavenRepo central https://repo.example.org/maven2/)");
        }
        String url = args.get(1);
        if (!url.matches("(?i)(https?|file)://.+")) {
            throw new IllegalArgumentException("%mavenRepo: '" + url + "' is not a repository URL; give http(s):// or file://");
        }
        resolver.addRepository(args.get(0), url);
        System.out.println("Added repository " + args.get(0) + " (" + url + ") for %maven and %%loadFromPOM");
        return JShellSession.NO_VALUE;
    }

    public Object loadFromPom(List<String> args, String raw, String body, MagicContext context) throws Exception {
        Document doc = parse(body);
        StringBuilder dependencies = new StringBuilder();
        StringBuilder repositories = new StringBuilder();
        StringBuilder extra = new StringBuilder();
        NodeList deps = doc.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            if (!isInside(dep, "dependencyManagement") && !isInside(dep, "plugin")) {
                dependencies.append(serialize(dep)).append('\n');
            }
        }
        NodeList repos = doc.getElementsByTagName("repository");
        for (int i = 0; i < repos.getLength(); i++) {
            repositories.append(serialize(repos.item(i))).append('\n');
        }
        for (String section : List.of("properties", "dependencyManagement")) {
            NodeList found = doc.getElementsByTagName(section);
            if (found.getLength() > 0) {
                extra.append(serialize(found.item(0))).append('\n');
            }
        }
        if (dependencies.length() == 0) {
            throw new IllegalArgumentException("%%loadFromPOM: the cell has no <dependency> element; write a POM or"
                    + " <dependency><groupId>…</groupId><artifactId>…</artifactId><version>…</version></dependency>");
        }
        return maven.addToClasspath(resolver.resolve(dependencies.toString(), repositories.toString(), extra.toString(),
                "the POM's dependencies", context::interrupted), "the POM's dependencies", context);
    }

    private static boolean isInside(Node node, String elementName) {
        for (Node p = node.getParentNode(); p != null; p = p.getParentNode()) {
            if (elementName.equals(p.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    /** The body as XML: a whole project, or fragments wrapped in one root. */
    private static Document parse(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        String text = body.strip().replaceFirst("^<\\?xml[^>]*\\?>", "");
        try {
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader("<pom-fragments>" + text + "</pom-fragments>")));
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalArgumentException("%%loadFromPOM: the cell is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** An element as XML text, without namespaces (the generated POM declares Maven's). */
    private static String serialize(Node node) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(node), new StreamResult(out));
        return out.toString().replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "");
    }
}
