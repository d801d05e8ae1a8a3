package io.faildaily.operator.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A multi-node stand-in for the cluster's controllers, scheduler and kubelets, where {@link Kubelet} only
 * writes workload status: Deployments and StatefulSets get real Pod objects (the template's labels and
 * spec, an owner reference to the workload, a node), every pass (100 ms) of one thread.
 *
 * <ul>
 *   <li>{@link Placement}: N nodes; a new pod goes to the node with the fewest pods of its workload,
 *       ties round-robin, so a rolling update's new pod lands on another node than the old one; a
 *       {@link #cordon cordoned} node takes none, a template's {@code spec.nodeName} is honoured.</li>
 *   <li>{@link Attachments}: a ReadWriteOnce claim attaches to the node of the first pod that mounts it;
 *       a pod elsewhere waits in ContainerCreating for ever with a FailedAttachVolume "Multi-Attach
 *       error" Event ({@link NodeKubelet}); deleting the last pod on the node detaches it.</li>
 *   <li>{@link DeploymentController}: RollingUpdate (maxSurge, maxUnavailable) creates new pods before
 *       it deletes old ones; Recreate deletes first. {@link StatefulSetController}: OrderedReady,
 *       claims from volumeClaimTemplates, a rollout from the highest ordinal that waits on a pod that is
 *       not ready, revisions. Both count their status from the pods.</li>
 *   <li>Images a test marks {@link #unpullable} leave their pods in ErrImagePull/ImagePullBackOff; images
 *       it {@link #holdNotReady holds} run without ever passing their readiness probe.</li>
 * </ul>
 *
 * <p>Not modelled: ReplicaSets and ControllerRevisions (pods are owned by the workload itself, revisions
 * are hashes of the template), revision history and {@code kubectl rollout undo}, minReadySeconds and
 * progressDeadlineSeconds (no Progressing or Available conditions), pod termination grace (a deleted pod
 * is gone at once, and so is its attachment), unmount and attach latency, node capacity, resources,
 * affinity, taints, pods no workload owns, topology spread constraints, PodDisruptionBudgets, evictions,
 * node failure, probes (a started container is ready unless held), restarts and crash loops, init
 * containers, missing claims and Secrets (a pod always schedules and starts), claim binding, StorageClasses
 * and volume expansion, partitioned or OnDelete StatefulSet updates, the Parallel pod management policy.
 */
public final class Nodes implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final Placement placement;
    private final Attachments attachments = new Attachments();
    private final Set<String> unpullable = ConcurrentHashMap.newKeySet();
    private final Set<String> notReady = ConcurrentHashMap.newKeySet();
    private final DeploymentController deployments;
    private final StatefulSetController statefulSets;
    private final NodeKubelet kubelet;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-nodes");
        thread.setDaemon(true);
        return thread;
    });

    public Nodes(KubernetesClient fixtureClient, int count) {
        this.client = fixtureClient;
        this.placement = new Placement(count);
        this.deployments = new DeploymentController(client, placement, new PodNames());
        this.statefulSets = new StatefulSetController(client, placement);
        this.kubelet = new NodeKubelet(client, attachments, unpullable, notReady);
        loop.scheduleWithFixedDelay(this::pass, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Pods with this image cannot pull it, from now on. */
    public void unpullable(String image) {
        unpullable.add(image);
    }

    /** Pods with this image run but never pass their readiness probe until {@link #release}d. */
    public void holdNotReady(String image) {
        notReady.add(image);
    }

    public void release(String image) {
        notReady.remove(image);
        unpullable.remove(image);
    }

    /** From now on the node takes no new pod (kubectl cordon); its pods run on. */
    public void cordon(String node) {
        placement.cordon(node, true);
    }

    public void uncordon(String node) {
        placement.cordon(node, false);
    }

    public List<String> names() {
        return placement.nodes();
    }

    /** The node a claim is attached to, if a pod uses it. */
    public Optional<String> attachedTo(String namespace, String claim) {
        return attachments.nodeOf(namespace, claim);
    }

    private void pass() {
        try {
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            List<Deployment> deploymentList = client.apps().deployments().inAnyNamespace().list().getItems();
            List<StatefulSet> statefulSetList = client.apps().statefulSets().inAnyNamespace().list().getItems();
            List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
            List<Pod> workloadPods = collectOrphans(pods, deploymentList, statefulSetList);
            deploymentList.forEach(d -> quietly(() -> deployments.sync(d, ownedBy(workloadPods, d))));
            statefulSetList.forEach(s -> quietly(() -> statefulSets.sync(s, ownedBy(workloadPods, s), claims)));
            kubelet.sync(workloadPods, claims.stream().collect(Collectors.toMap(
                    c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(), Function.identity())));
        } catch (KubernetesClientException | IllegalStateException e) {
            // An object deleted or changed between list and write: the next pass sees the new state.
        }
    }

    /** One workload or pod at a time: a conflict on one (it changed since the list) holds up no other. */
    static void quietly(Runnable step) {
        try {
            step.run();
        } catch (KubernetesClientException e) {
            // Seen again on the next pass.
        }
    }

    /**
     * The pods of live workloads; pods whose workload is gone are deleted, as the garbage collector would.
     * Pods of Jobs (JobPods) are not this stand-in's.
     */
    private List<Pod> collectOrphans(List<Pod> pods, List<Deployment> deploymentList, List<StatefulSet> statefulSetList) {
        Set<String> owners = java.util.stream.Stream.concat(deploymentList.stream(), statefulSetList.stream())
                .map(w -> w.getMetadata().getUid()).collect(Collectors.toSet());
        Map<Boolean, List<Pod>> split = pods.stream().filter(Nodes::ownedByAWorkload)
                .collect(Collectors.partitioningBy(p -> p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> owners.contains(o.getUid()))));
        split.get(false).forEach(p -> client.pods().inNamespace(p.getMetadata().getNamespace())
                .withName(p.getMetadata().getName()).delete());
        return split.get(true);
    }

    private static boolean ownedByAWorkload(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> "Deployment".equals(o.getKind()) || "StatefulSet".equals(o.getKind()));
    }

    private static List<Pod> ownedBy(List<Pod> pods, HasMetadata owner) {
        return pods.stream().filter(p -> PodsOf.ownedBy(p, owner)).toList();
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
