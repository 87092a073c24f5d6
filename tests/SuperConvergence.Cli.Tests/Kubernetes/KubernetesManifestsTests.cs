using k8s.Models;
using Xunit;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// Every kustomization under k8s/, rendered by `kubectl kustomize` and loaded strictly against the API of
/// Kubernetes <see cref="Manifests.KubernetesVersion"/>, passes every check of <see cref="ManifestChecks"/> and
/// ships what a platform team asks for. ManifestChecksTests shows each check failing on a broken manifest.
/// </summary>
public sealed class KubernetesManifestsTests
{
    /// <summary>What users apply: the two overlays, the submit Job, and an overlay with the optional ServiceMonitor.</summary>
    public static TheoryData<string> Kustomizations => ["k8s/overlays/cpu", "k8s/overlays/gpu", "k8s/submit", ServiceMonitorOverlay];

    private const string ServiceMonitorOverlay = "k8s/overlays/cpu + k8s/components/service-monitor";

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Renders_objects_that_fit_the_schema_each_other_and_the_code(string kustomization)
    {
        // A cluster with its client: the gateway's NetworkPolicy admits the submit Job's pods.
        IReadOnlyList<object> objects = kustomization == "k8s/submit"
            ? await RenderAsync(kustomization)
            : [.. await RenderAsync(kustomization), .. await RenderAsync("k8s/submit")];

        Assert.NotEmpty(objects);
        Assert.Empty(ManifestChecks.Problems(objects));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Runs_exactly_the_images_the_readme_documents(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        var documented = DocumentedImages.Read(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), DocumentedImages.Document), TestContext.Current.CancellationToken));
        var key = kustomization == ServiceMonitorOverlay ? "k8s/overlays/cpu" : kustomization;

        Assert.True(documented.ContainsKey(key), $"{DocumentedImages.Document} has no row for {key} in its images table");
        Assert.Empty(ManifestChecks.ImageProblems(objects, documented[key], DocumentedImages.Document));
    }

    [Theory]
    [InlineData("k8s/overlays/cpu")]
    [InlineData("k8s/overlays/gpu")]
    public async Task Keeps_the_cluster_available_through_disruptions(string overlay)
    {
        var objects = await RenderAsync(overlay);
        var coordinator = Assert.Single(objects.OfType<V1Deployment>("superconvergence-coordinator"));
        var worker = Assert.Single(objects.OfType<V1Deployment>("superconvergence-worker"));

        Assert.True(coordinator.Spec.Replicas >= 2, "two coordinators: one may stop while the other serves");
        foreach (var deployment in new[] { coordinator, worker })
        {
            var name = deployment.Metadata.Name;
            Assert.Contains(objects.OfType<V1PodDisruptionBudget>(), b => b.Spec.Selector.MatchLabels.All(l => deployment.Spec.Template.Metadata.Labels[l.Key] == l.Value));
            var antiAffinity = deployment.Spec.Template.Spec.Affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
            Assert.True(antiAffinity is { Count: > 0 } && antiAffinity.All(a => a.PodAffinityTerm.TopologyKey == "kubernetes.io/hostname"), $"{name}: spread over nodes");
            var silo = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.NotNull(silo.StartupProbe);
            Assert.Equal("/readyz", silo.ReadinessProbe?.HttpGet?.Path);
            Assert.Equal("/healthz", silo.LivenessProbe?.HttpGet?.Path);
            Assert.Equal("true", deployment.Spec.Template.Metadata.Annotations["prometheus.io/scrape"]);
            Assert.Equal(silo.Ports.Single(p => p.Name == "http").ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), deployment.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
        }

        // Nothing in the namespace is reachable unless a policy admits it.
        Assert.Contains(objects.OfType<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels is not { Count: > 0 } && p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.Ingress is not { Count: > 0 });
    }

    /// <summary>
    /// Only the silos run with Orleans' Kubernetes hosting (`--kubernetes`), and only they mount an API token: that of
    /// a ServiceAccount whose Role grants exactly what the hosting does with pods of the namespace, nothing else.
    /// </summary>
    [Theory]
    [InlineData("k8s/overlays/cpu")]
    [InlineData("k8s/overlays/gpu")]
    public async Task Only_silos_reach_the_kubernetes_api_with_the_least_rbac_orleans_needs(string overlay)
    {
        IReadOnlyList<object> objects = [.. await RenderAsync(overlay), .. await RenderAsync("k8s/submit")];
        var templates = ManifestChecks.PodTemplates(objects).ToList();
        var silos = templates.Where(t => t.Template.Spec.Containers.Any(c => c.Args?.Contains("--kubernetes") == true)).ToList();

        Assert.Equal(2, silos.Count);
        Assert.All(templates.Except(silos), t => Assert.False(t.Template.Spec.AutomountServiceAccountToken ?? true, $"{t.Owner} mounts an API token it has no use for"));
        foreach (var (owner, template) in silos)
        {
            Assert.True(template.Spec.AutomountServiceAccountToken, $"{owner}: Orleans' Kubernetes hosting needs the API token");
            var account = template.Spec.ServiceAccountName;
            Assert.Contains(objects.OfType<V1ServiceAccount>(), a => a.Metadata.Name == account && a.AutomountServiceAccountToken == false);
            var binding = Assert.Single(objects.OfType<V1RoleBinding>(), b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account));
            Assert.Equal("Role", binding.RoleRef.Kind);
            var role = Assert.Single(objects.OfType<V1Role>(), r => r.Metadata.Name == binding.RoleRef.Name);
            var rule = Assert.Single(role.Rules);
            Assert.Equal([""], rule.ApiGroups);
            Assert.Equal(["pods"], rule.Resources);
            Assert.Equal(["delete", "get", "list", "patch", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
        }

        Assert.Empty(objects.OfType<V1ClusterRole>());
        Assert.Empty(objects.OfType<V1ClusterRoleBinding>());
    }

    [Fact]
    public async Task Gpu_workers_get_one_gpu_and_one_slot_through_the_container_named_silo()
    {
        var cpu = Assert.Single((await RenderAsync("k8s/overlays/cpu")).OfType<V1Deployment>("superconvergence-worker"));
        var gpu = Assert.Single((await RenderAsync("k8s/overlays/gpu")).OfType<V1Deployment>("superconvergence-worker"));

        var silo = Assert.Single(gpu.Spec.Template.Spec.Containers, c => c.Name == "silo");
        Assert.Equal("1", silo.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("1", silo.Env.Single(e => e.Name == "SLOTS").Value);
        Assert.Equal(silo.Args, Assert.Single(cpu.Spec.Template.Spec.Containers).Args);
        Assert.Equal("1", SlotsArgument(silo));
        Assert.Equal("2", SlotsArgument(Assert.Single(cpu.Spec.Template.Spec.Containers)));
    }

    [Fact]
    public async Task The_submit_job_sends_a_valid_sweep_spec_from_its_config_map()
    {
        var objects = await RenderAsync("k8s/submit");
        var job = Assert.Single(objects.OfType<V1Job>());
        var map = Assert.Single(objects.OfType<V1ConfigMap>());
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        var mount = Assert.Single(container.VolumeMounts, m => job.Spec.Template.Spec.Volumes.Single(v => v.Name == m.Name).ConfigMap?.Name == map.Metadata.Name);
        var (key, spec) = Assert.Single(map.Data);

        Assert.Equal(["sweep", "submit", $"{mount.MountPath}/{key}"], container.Args.Take(3));
        Assert.Equal("true", job.Spec.Template.Metadata.Labels["superconvergence.io/client"]);
        Core.Sweeps.SweepSpecReader.ParseYaml(spec);
    }

    private static string SlotsArgument(V1Container silo)
    {
        var index = silo.Args.IndexOf("--slots");
        var value = silo.Args[index + 1];
        return value.StartsWith("$(", StringComparison.Ordinal) ? silo.Env.Single(e => e.Name == value[2..^1]).Value : value;
    }

    private static async Task<IReadOnlyList<object>> RenderAsync(string kustomization)
    {
        var root = Repository.Root();
        var cancellation = TestContext.Current.CancellationToken;
        if (kustomization != ServiceMonitorOverlay)
        {
            return Manifests.Load(await Manifests.RenderAsync(Path.Combine(root, kustomization), cancellation));
        }

        // kustomize takes no absolute path to a base: point at the repository from a temporary folder.
        var directory = Directory.CreateTempSubdirectory("sc-kustomize-");
        try
        {
            var repository = Path.GetRelativePath(directory.FullName, root);
            await File.WriteAllTextAsync(
                Path.Combine(directory.FullName, "kustomization.yaml"),
                $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - {repository}/k8s/overlays/cpu
                components:
                  - {repository}/k8s/components/service-monitor
                """,
                cancellation);
            return Manifests.Load(await Manifests.RenderAsync(directory.FullName, cancellation));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
