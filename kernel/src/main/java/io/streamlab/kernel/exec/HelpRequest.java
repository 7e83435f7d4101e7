package io.streamlab.kernel.exec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPython's help syntax on one line: {@code Math.max?}, {@code ?Math.max} (also with {@code ??}).
 * No Java statement starts or ends with a question mark, so such a cell is never code.
 */
public final class HelpRequest {
    private static final Pattern AFTER = Pattern.compile("\\s*([^%?\\s][^\\n]*?)\\s*\\?\\??\\s*");
    private static final Pattern BEFORE = Pattern.compile("\\s*\\?\\??\\s*([^?\\s][^\\n]*?)\\s*");

    private HelpRequest() {
    }

    /** What the cell asks help for, or null if it is not a help request. */
    public static String target(String code) {
        Matcher m = AFTER.matcher(code);
        if (m.matches()) {
            return m.group(1);
        }
        m = BEFORE.matcher(code);
        return m.matches() ? m.group(1) : null;
    }
}
