package io.faildaily.operator.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The scheduler of the multi-node stand-in: a new pod goes to the node with the fewest pods of its own
 * workload, ties broken round-robin. That is what the default scheduler's spreading tends to do, and the
 * worst case for shared volumes: the new pod of a rolling update lands on another node than the old one,
 * and two workloads mounting one claim land on different nodes.
 */
final class Placement {
    private final List<String> nodes;
    private int next;

    Placement(int count) {
        this.nodes = IntStream.range(0, count).mapToObj(i -> "node-" + i).toList();
    }

    List<String> nodes() {
        return nodes;
    }

    /** The node for a new pod of the workload whose live pods are {@code siblings}. */
    synchronized String place(List<Pod> siblings) {
        Map<String, Long> load = siblings.stream().map(p -> p.getSpec().getNodeName())
                .filter(java.util.Objects::nonNull).collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        long fewest = nodes.stream().mapToLong(n -> load.getOrDefault(n, 0L)).min().orElse(0);
        String chosen = IntStream.range(0, nodes.size()).mapToObj(i -> nodes.get((next + i) % nodes.size()))
                .filter(n -> load.getOrDefault(n, 0L) == fewest).findFirst().orElseThrow();
        next = (nodes.indexOf(chosen) + 1) % nodes.size();
        return chosen;
    }
}
