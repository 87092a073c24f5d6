using System.CommandLine;
using System.Text.RegularExpressions;
using k8s.Models;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// What the API schema cannot see: that the objects fit each other and the code. Each check returns one line per
/// problem, naming the object and the field; an empty list is a pass.
/// </summary>
internal static partial class ManifestChecks
{
    /// <summary>The repository of the images built from k8s/image/Dockerfile: their containers run `sc`.</summary>
    public const string ScImage = "superconvergence";

    /// <summary>Every check but <see cref="ImageProblems"/>, which needs the documented images.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<object> objects) =>
    [
        .. SelectorProblems(objects),
        .. TargetPortProblems(objects),
        .. CommandLineProblems(objects),
        .. EnvironmentProblems(objects),
        .. SecurityProblems(objects),
        .. ResourceProblems(objects),
        .. CredentialProblems(objects),
    ];

    /// <summary>The pod templates of the workloads, named by their workload.</summary>
    public static IEnumerable<(string Owner, V1PodTemplateSpec Template)> PodTemplates(IEnumerable<object> objects)
    {
        foreach (var o in objects)
        {
            switch (o)
            {
                case V1Deployment d: yield return ($"Deployment {d.Metadata.Name}", d.Spec.Template); break;
                case V1StatefulSet s: yield return ($"StatefulSet {s.Metadata.Name}", s.Spec.Template); break;
                case V1DaemonSet s: yield return ($"DaemonSet {s.Metadata.Name}", s.Spec.Template); break;
                case V1Job j: yield return ($"Job {j.Metadata.Name}", j.Spec.Template); break;
                case V1CronJob c: yield return ($"CronJob {c.Metadata.Name}", c.Spec.JobTemplate.Spec.Template); break;
            }
        }
    }

    public static IEnumerable<(string Owner, V1PodSpec Pod, V1Container Container)> Containers(IEnumerable<object> objects) =>
        PodTemplates(objects).SelectMany(t =>
            (t.Template.Spec.InitContainers ?? []).Concat(t.Template.Spec.Containers ?? [])
                .Select(c => ($"{t.Owner} container {c.Name}", t.Template.Spec, c)));

    /// <summary>Workload selectors select their own template; Services, PodDisruptionBudgets, NetworkPolicies and ServiceMonitors select something.</summary>
    public static IEnumerable<string> SelectorProblems(IReadOnlyList<object> objects)
    {
        var templates = PodTemplates(objects).ToList();
        bool AnyTemplate(IDictionary<string, string> selector) => templates.Any(t => Matches(selector, t.Template.Metadata?.Labels));

        foreach (var (owner, template, selector) in objects.SelectMany(WorkloadSelectors))
        {
            if (selector?.MatchExpressions is { Count: > 0 })
            {
                yield return $"{owner}: spec.selector.matchExpressions are not checked here; use matchLabels";
            }

            if (selector?.MatchLabels is not { Count: > 0 } || !Matches(selector.MatchLabels, template.Metadata?.Labels))
            {
                yield return $"{owner}: spec.selector {Show(selector?.MatchLabels)} does not match its pod template's labels {Show(template.Metadata?.Labels)}";
            }
        }

        foreach (var service in objects.OfType<V1Service>())
        {
            if (service.Spec.Selector is { Count: > 0 } selector && !AnyTemplate(selector))
            {
                yield return $"Service {service.Metadata.Name}: spec.selector {Show(selector)} matches no pod template";
            }
        }

        foreach (var budget in objects.OfType<V1PodDisruptionBudget>())
        {
            if (budget.Spec.Selector?.MatchLabels is not { Count: > 0 } selector || !AnyTemplate(selector))
            {
                yield return $"PodDisruptionBudget {budget.Metadata.Name}: spec.selector {Show(budget.Spec.Selector?.MatchLabels)} matches no pod template";
            }
        }

        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            if (policy.Spec.PodSelector.MatchLabels is { Count: > 0 } selector && !AnyTemplate(selector))
            {
                yield return $"NetworkPolicy {policy.Metadata.Name}: spec.podSelector {Show(selector)} matches no pod template";
            }

            foreach (var peer in (policy.Spec.Ingress ?? []).SelectMany(rule => rule.FromProperty ?? []))
            {
                if (peer.NamespaceSelector is null && peer.PodSelector?.MatchLabels is { Count: > 0 } from && !AnyTemplate(from))
                {
                    yield return $"NetworkPolicy {policy.Metadata.Name}: ingress from podSelector {Show(from)} matches no pod template";
                }
            }
        }

        foreach (var monitor in objects.OfType<ServiceMonitor>())
        {
            var selector = monitor.Spec.Selector.MatchLabels;
            if (selector is not { Count: > 0 } || !objects.OfType<V1Service>().Any(s => Matches(selector, s.Metadata.Labels)))
            {
                yield return $"ServiceMonitor {monitor.Metadata.Name}: spec.selector {Show(selector)} matches no Service";
            }
        }
    }

    /// <summary>Every Service port's target, and every NetworkPolicy port, is a port a selected container exposes.</summary>
    public static IEnumerable<string> TargetPortProblems(IReadOnlyList<object> objects)
    {
        var templates = PodTemplates(objects).ToList();
        foreach (var service in objects.OfType<V1Service>())
        {
            var selected = templates.Where(t => service.Spec.Selector is { Count: > 0 } s && Matches(s, t.Template.Metadata?.Labels)).ToList();
            foreach (var port in service.Spec.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (owner, template) in selected.Where(t => !Exposes(t.Template, target)))
                {
                    yield return $"Service {service.Metadata.Name}: port {port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} targets {target}, which no container of {owner} exposes";
                }
            }
        }

        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            var selected = templates.Where(t => Matches(policy.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>(), t.Template.Metadata?.Labels)).ToList();
            foreach (var port in (policy.Spec.Ingress ?? []).SelectMany(rule => rule.Ports ?? []).Where(p => p.Port is not null))
            {
                if (!selected.Any(t => Exposes(t.Template, port.Port.Value)))
                {
                    yield return $"NetworkPolicy {policy.Metadata.Name}: port {port.Port.Value} is exposed by no pod it selects";
                }
            }
        }
    }

    /// <summary>Every `sc` container's arguments parse as a command of `sc` (known flags, valid values), $(VAR)s expanded from its environment.</summary>
    public static IEnumerable<string> CommandLineProblems(IReadOnlyList<object> objects)
    {
        var root = CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, IsTerminal: false));
        foreach (var (owner, _, container) in Containers(objects).Where(c => IsSc(c.Container)))
        {
            if (container.Command is { Count: > 0 })
            {
                yield return $"{owner}: command {string.Join(' ', container.Command)} replaces the image's `sc` entry point";
                continue;
            }

            var arguments = (container.Args ?? []).Select(a => Expand(a, container)).ToArray();
            var parse = root.Parse(arguments);
            foreach (var error in parse.Errors)
            {
                yield return $"{owner}: args `{string.Join(' ', container.Args ?? [])}`: {error.Message}";
            }

            if (parse.Errors.Count == 0 && parse.CommandResult.Command == root)
            {
                yield return $"{owner}: args name no command of sc";
            }
        }
    }

    /// <summary>`sc` containers set only variables that sc reads (<see cref="ScEnvironment"/>) or that their own arguments use as $(VAR).</summary>
    public static IEnumerable<string> EnvironmentProblems(IReadOnlyList<object> objects)
    {
        var read = ScEnvironment.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (owner, _, container) in Containers(objects).Where(c => IsSc(c.Container)))
        {
            var referenced = (container.Args ?? []).Concat(container.Command ?? [])
                .SelectMany(a => VariableReference().Matches(a).Select(m => m.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var variable in container.Env ?? [])
            {
                if (!read.Contains(variable.Name) && !referenced.Contains(variable.Name))
                {
                    yield return $"{owner}: env {variable.Name} is read neither by sc (docs/cluster.md, \"Configuration contract\") nor by the container's arguments";
                }
            }

            if (container.EnvFrom is { Count: > 0 })
            {
                yield return $"{owner}: envFrom sets variables no one can check; name each in env";
            }

            foreach (var name in referenced.Where(n => container.Env?.Any(e => e.Name == n) != true))
            {
                yield return $"{owner}: the arguments use $({name}), which the container's env does not set";
            }
        }
    }

    /// <summary>Every container (init containers too) runs as non-root, without privilege escalation or capabilities, on a read-only root filesystem.</summary>
    public static IEnumerable<string> SecurityProblems(IReadOnlyList<object> objects)
    {
        foreach (var (owner, pod, container) in Containers(objects))
        {
            var context = container.SecurityContext;
            if (context is null)
            {
                yield return $"{owner}: no securityContext";
                continue;
            }

            if ((context.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true)
            {
                yield return $"{owner}: securityContext.runAsNonRoot is not true";
            }

            if (context.AllowPrivilegeEscalation != false)
            {
                yield return $"{owner}: securityContext.allowPrivilegeEscalation is not false";
            }

            if (context.ReadOnlyRootFilesystem != true)
            {
                yield return $"{owner}: securityContext.readOnlyRootFilesystem is not true";
            }

            if (context.Capabilities?.Drop?.Contains("ALL") != true || context.Capabilities.Add is { Count: > 0 })
            {
                yield return $"{owner}: securityContext.capabilities must drop ALL and add none";
            }

            if (context.Privileged == true)
            {
                yield return $"{owner}: securityContext.privileged";
            }
        }
    }

    /// <summary>Every container requests and limits CPU and memory.</summary>
    public static IEnumerable<string> ResourceProblems(IReadOnlyList<object> objects)
    {
        foreach (var (owner, _, container) in Containers(objects))
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (container.Resources?.Requests?.ContainsKey(resource) != true)
                {
                    yield return $"{owner}: resources.requests.{resource} is not set";
                }

                if (container.Resources?.Limits?.ContainsKey(resource) != true)
                {
                    yield return $"{owner}: resources.limits.{resource} is not set";
                }
            }
        }
    }

    /// <summary>
    /// No credential in the repository: no Secret object, no literal value of a variable named like a credential,
    /// and no connection string or URI with a password in any variable, argument or ConfigMap.
    /// </summary>
    public static IEnumerable<string> CredentialProblems(IReadOnlyList<object> objects)
    {
        foreach (var secret in objects.OfType<V1Secret>())
        {
            yield return $"Secret {secret.Metadata.Name}: credentials in the repository; the user creates the Secret (k8s/README.md)";
        }

        foreach (var (owner, _, container) in Containers(objects))
        {
            foreach (var variable in (container.Env ?? []).Where(v => v.Value is not null))
            {
                if (CredentialName().IsMatch(variable.Name) || HoldsPassword(variable.Value))
                {
                    yield return $"{owner}: env {variable.Name} has a literal credential; take it from a Secret (valueFrom.secretKeyRef)";
                }
            }

            foreach (var argument in (container.Command ?? []).Concat(container.Args ?? []).Where(HoldsPassword))
            {
                yield return $"{owner}: an argument holds a password ({Silo.Persistence.ConnectionStrings.Redact(argument)})";
            }
        }

        foreach (var map in objects.OfType<V1ConfigMap>())
        {
            foreach (var (key, value) in (map.Data ?? new Dictionary<string, string>()).Where(entry => HoldsPassword(entry.Value)))
            {
                yield return $"ConfigMap {map.Metadata.Name}: {key} holds a password";
            }
        }
    }

    /// <summary>The images of the rendered objects are exactly the documented ones.</summary>
    public static IEnumerable<string> ImageProblems(IReadOnlyList<object> objects, IReadOnlySet<string> documented, string where)
    {
        var used = Containers(objects).Select(c => c.Container.Image).ToHashSet(StringComparer.Ordinal);
        foreach (var image in used.Except(documented).Order(StringComparer.Ordinal))
        {
            yield return $"image {image} is not the one {where} documents ({string.Join(", ", documented.Order(StringComparer.Ordinal))})";
        }

        foreach (var image in documented.Except(used).Order(StringComparer.Ordinal))
        {
            yield return $"{where} documents image {image}, which no container uses";
        }
    }

    public static bool IsSc(V1Container container) =>
        container.Image is { } image && (image == ScImage || image.StartsWith(ScImage + ":", StringComparison.Ordinal) || image.Contains("/" + ScImage + ":", StringComparison.Ordinal));

    /// <summary>Kubernetes' $(VAR) expansion: from a literal env value, else a stand-in of the field it comes from.</summary>
    private static string Expand(string argument, V1Container container) =>
        VariableReference().Replace(argument, m =>
        {
            var variable = container.Env?.FirstOrDefault(e => e.Name == m.Groups[1].Value);
            return variable switch
            {
                null => m.Value,
                { Value: { } value } => value,
                { ValueFrom.FieldRef.FieldPath: "status.podIP" } => "10.244.0.17",
                { ValueFrom.FieldRef.FieldPath: "status.hostIP" } => "10.0.0.4",
                { ValueFrom.FieldRef: not null } => "superconvergence-pod-0",
                _ => "from-secret",
            };
        });

    private static bool HoldsPassword(string? value) =>
        value is not null && (PasswordSetting().IsMatch(value) || UriPassword().IsMatch(value));

    private static IEnumerable<(string Owner, V1PodTemplateSpec Template, V1LabelSelector? Selector)> WorkloadSelectors(object o) => o switch
    {
        V1Deployment d => [($"Deployment {d.Metadata.Name}", d.Spec.Template, d.Spec.Selector)],
        V1StatefulSet s => [($"StatefulSet {s.Metadata.Name}", s.Spec.Template, s.Spec.Selector)],
        V1DaemonSet s => [($"DaemonSet {s.Metadata.Name}", s.Spec.Template, s.Spec.Selector)],
        _ => [],
    };

    private static bool Exposes(V1PodTemplateSpec template, string port) =>
        template.Spec.Containers.Any(c => (c.Ports ?? []).Any(p =>
            p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port));

    private static bool Matches(IDictionary<string, string> selector, IDictionary<string, string>? labels) =>
        labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static string Show(IDictionary<string, string>? labels) =>
        labels is null ? "{}" : "{" + string.Join(", ", labels.Select(pair => $"{pair.Key}: {pair.Value}")) + "}";

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex("PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|CREDENTIAL", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"(?<![A-Za-z])(password|pwd)\s*[=:]\s*[^;\s'""*]", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}
