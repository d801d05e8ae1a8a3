package io.faildaily.operator.reconciler;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The MySQL version an image tag names (mysql:8.0.43 → 8.0.43); unknown for tags like "latest" or digests. */
record MysqlVersion(int major, int minor, int patch) implements Comparable<MysqlVersion> {
    private static final Pattern TAG = Pattern.compile(":(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-_.][^:/@]*)?$");

    static Optional<MysqlVersion> of(String image) {
        if (image == null || image.contains("@")) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(image);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new MysqlVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /** MySQL reads data written by an older release, never the other way round across a release series. */
    boolean isSeriesDowngradeFrom(MysqlVersion running) {
        return major < running.major || (major == running.major && minor < running.minor);
    }

    @Override
    public int compareTo(MysqlVersion o) {
        return major != o.major ? Integer.compare(major, o.major)
                : minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
