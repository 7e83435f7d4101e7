package io.streamlab.kernel.magic;

/**
 * {@code group:artifact:version}, optionally {@code group:artifact:packaging:version} or
 * {@code group:artifact:packaging:classifier:version} (Maven's own order).
 */
public record MavenCoordinate(String groupId, String artifactId, String type, String classifier, String version) {

    public static MavenCoordinate parse(String text) {
        String[] p = text.trim().split(":", -1);
        for (String part : p) {
            if (part.isBlank() || !part.matches("[A-Za-z0-9_.\\-\\[\\](),]+")) {
                throw invalid(text);
            }
        }
        switch (p.length) {
            case 3: return new MavenCoordinate(p[0], p[1], "jar", null, p[2]);
            case 4: return new MavenCoordinate(p[0], p[1], p[2], null, p[3]);
            case 5: return new MavenCoordinate(p[0], p[1], p[2], p[3], p[4]);
            default: throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("%maven: '" + text + "' is not a Maven coordinate — write group:artifact:version, "
                + "e.g. org.apache.commons:commons-lang3:3.14.0");
    }

    String dependencyXml() {
        return "    <dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + "<version>" + version + "</version><type>" + type + "</type>"
                + (classifier == null ? "" : "<classifier>" + classifier + "</classifier>") + "</dependency>\n";
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
