package io.faildaily.operator.objectstore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which files of a folder go, to keep the newest {@code keep} complete backups: pure, names in, names out.
 * A backup is complete when its manifest exists; names sort by time. Going: the manifests (and their dumps)
 * after the newest {@code keep}, and dumps without a manifest that are older than the newest complete one
 * (an upload that stopped between its last part and its manifest). Never the newest complete backup, nor a
 * dump newer than it (a backup running now).
 */
public final class Retention {
    private Retention() {}

    /** The names to delete, manifests before their dumps, so that a half-done deletion never lists a lost dump. */
    public static List<String> toDelete(List<String> names, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("retention keeps at least 1 backup, not " + keep);
        }
        List<String> manifests = names.stream().filter(Manifest::isManifest)
                .sorted(Comparator.reverseOrder()).toList();
        if (manifests.isEmpty()) {
            return List.of();
        }
        Set<String> present = Set.copyOf(names);
        Set<String> kept = manifests.stream().limit(keep).map(Manifest::dumpFor).collect(Collectors.toSet());
        String newest = Manifest.dumpFor(manifests.get(0));
        List<String> delete = new ArrayList<>();
        for (String manifest : manifests.subList(Math.min(keep, manifests.size()), manifests.size())) {
            delete.add(manifest);
            if (present.contains(Manifest.dumpFor(manifest))) {
                delete.add(Manifest.dumpFor(manifest));
            }
        }
        names.stream().filter(Manifest::isDump)
                .filter(d -> !kept.contains(d) && !present.contains(Manifest.nameFor(d)) && d.compareTo(newest) < 0)
                .sorted()
                .forEach(delete::add);
        return delete;
    }

    /** The newest complete backup's dump name, if any. */
    public static java.util.Optional<String> newest(List<String> names) {
        return names.stream().filter(Manifest::isManifest).max(Comparator.naturalOrder()).map(Manifest::dumpFor);
    }
}
