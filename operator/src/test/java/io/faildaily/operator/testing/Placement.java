package io.faildaily.operator.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * The scheduler of the multi-node stand-in: a new pod goes to the node with the fewest pods of its own
 * workload, ties broken round-robin. That is what the default scheduler's spreading tends to do, and the
 * worst case for shared volumes: the new pod of a rolling update lands on another node than the old one,
 * and two workloads mounting one claim land on different nodes. A cordoned node takes no new pod (at least
 * one must stay schedulable), and a pod template that names its node ({@code spec.nodeName}) is not
 * scheduled at all: its pods run there, as on a cluster.
 */
final class Placement {
    private final List<String> nodes;
    private final Set<String> cordoned = ConcurrentHashMap.newKeySet();
    private int next;

    Placement(int count) {
        this.nodes = IntStream.range(0, count).mapToObj(i -> "node-" + i).toList();
    }

    List<String> nodes() {
        return nodes;
    }

    void cordon(String node, boolean unschedulable) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException("no node " + node + " among " + nodes);
        }
        if (unschedulable) {
            cordoned.add(node);
        } else {
            cordoned.remove(node);
        }
    }

    /** The node for a new pod of {@code template} whose workload's live pods are {@code siblings}. */
    synchronized String place(PodSpec template, List<Pod> siblings) {
        if (template.getNodeName() != null) {
            return template.getNodeName();
        }
        List<String> open = nodes.stream().filter(n -> !cordoned.contains(n)).toList();
        if (open.isEmpty()) {
            throw new IllegalStateException("every node is cordoned: the stand-in has no Pending pods");
        }
        Map<String, Long> load = siblings.stream().map(p -> p.getSpec().getNodeName())
                .filter(java.util.Objects::nonNull).collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        long fewest = open.stream().mapToLong(n -> load.getOrDefault(n, 0L)).min().orElse(0);
        String chosen = IntStream.range(0, nodes.size()).mapToObj(i -> nodes.get((next + i) % nodes.size()))
                .filter(n -> open.contains(n) && load.getOrDefault(n, 0L) == fewest).findFirst().orElseThrow();
        next = (nodes.indexOf(chosen) + 1) % nodes.size();
        return chosen;
    }
}
