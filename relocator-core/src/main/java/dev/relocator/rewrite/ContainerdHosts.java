package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns prefix and overwrite rules into containerd's registry host configuration, one {@code
 * certs.d/<host>/hosts.toml} per upstream registry, as KubeOne's containerd registries feature
 * does. Pulls keep their references: containerd asks the mirror first and falls back to the
 * upstream {@code server}. {@code *} and {@code overwriteRegistry} become {@code _default}.
 */
public final class ContainerdHosts {
  /** containerd's directory for hosts without their own configuration. */
  public static final String DEFAULT_HOST = "_default";
  /** containerd resolves Docker Hub's endpoint itself when no server is given. */
  private static final String DOCKER_HUB = "docker.io";

  private ContainerdHosts() {}

  /** The {@code <host>/hosts.toml} files for {@code rules}, and warnings for rules left out. */
  public static NodeConfig render(RewriteRules rules) {
    Map<String, Rule> mirrored = new LinkedHashMap<>();
    Map<String, Rule> excluded = new LinkedHashMap<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      if (rules.isShadowed(rule.index())) {
        // Already warned about when the rules were read; a mirror must not revive it.
        continue;
      }
      String host = hostOf(rule);
      String why = host == null ? reason(rule) : selectorReason(rule);
      if (why != null) {
        warnings.add(warning(rules, rule, why));
        continue;
      }
      if (mirrored.containsKey(host)) {
        warnings.add(warning(rules, rule, "left out of containerd configuration: "
            + mirrored.get(host).label() + " already configures " + host));
        continue;
      }
      mirrored.put(host, rule);
      for (String exclude : rule.selector().exclude()) {
        excluded.putIfAbsent(exclude, rule);
      }
    }
    TreeMap<String, String> files = new TreeMap<>();
    mirrored.forEach((host, rule) -> files.put(host + "/hosts.toml", hostsToml(rules, host, rule)));
    excluded.forEach((host, rule) -> {
      if (!mirrored.containsKey(host)) {
        files.put(host + "/hosts.toml", upstreamOnly(rules, host, rule));
      }
    });
    return new NodeConfig(files, warnings);
  }

  /** The certs.d directory a rule configures, or null when containerd cannot express it. */
  private static String hostOf(Rule rule) {
    if (rule instanceof Rule.OverwriteRegistry) {
      return DEFAULT_HOST;
    }
    if (rule instanceof Rule.Prefix prefix) {
      if (prefix.isAny()) {
        return DEFAULT_HOST;
      }
      return prefix.isRegistry() ? prefix.prefix() : null;
    }
    return null;
  }

  private static String reason(Rule rule) {
    if (rule instanceof Rule.Prefix) {
      return "left out of containerd configuration: containerd mirrors whole registries, not paths below them";
    }
    return "left out of containerd configuration: only prefix and overwriteRegistry rules become mirrors";
  }

  /** Plain registry excludes keep their own upstream-only file; anything else is inexpressible. */
  private static String selectorReason(Rule rule) {
    if (!rule.selector().include().isEmpty()) {
      return "left out of containerd configuration: include globs cannot be expressed as mirrors";
    }
    for (String exclude : rule.selector().exclude()) {
      if (!isPlainHost(exclude) || !(rule instanceof Rule.OverwriteRegistry
          || rule instanceof Rule.Prefix p && p.isAny())) {
        return "left out of containerd configuration: exclude " + Location.quote(exclude)
            + " cannot be expressed as mirrors (only whole registries excluded from \"*\" can)";
      }
    }
    return null;
  }

  private static boolean isPlainHost(String glob) {
    return glob.indexOf('/') < 0 && glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
  }

  private static String hostsToml(RewriteRules rules, String host, Rule rule) {
    Location target;
    Rule.MirrorOptions options;
    if (rule instanceof Rule.OverwriteRegistry overwrite) {
      target = overwrite.target();
      options = overwrite.mirror();
    } else {
      Rule.Prefix prefix = (Rule.Prefix) rule;
      target = prefix.to();
      options = prefix.mirror();
    }
    StringBuilder out = header(rules, rule);
    String server = options.server().orElse(
        host.equals(DEFAULT_HOST) || host.equals(DOCKER_HUB) ? null : "https://" + host);
    if (server != null) {
      out.append("server = ").append(quote(server)).append("\n\n");
    }
    String scheme = options.plainHttp() ? "http://" : "https://";
    // With a path, the mirror's URL is used as is: containerd would otherwise append /v2.
    String url = target.path().isEmpty()
        ? scheme + target.domain()
        : scheme + target.domain() + "/v2/" + target.path();
    out.append("[host.").append(quote(url)).append("]\n");
    out.append("  capabilities = [\"pull\", \"resolve\"]\n");
    if (options.skipVerify()) {
      out.append("  skip_verify = true\n");
    }
    if (!target.path().isEmpty()) {
      out.append("  override_path = true\n");
    }
    if (rule instanceof Rule.OverwriteRegistry o && o.corednsQuirk()) {
      out.append("\n# A mirror keeps references: CoreDNS is asked for as ")
          .append(target.below("coredns/coredns")).append(", not as the CoreDNS quirk's ")
          .append(target.below("coredns")).append(".\n");
    }
    return out.toString();
  }

  private static String upstreamOnly(RewriteRules rules, String host, Rule rule) {
    boolean plain = rule instanceof Rule.OverwriteRegistry o
        && o.target().domain().equals(host) && o.mirror().plainHttp();
    return header(rules, rule)
        .append("# Excluded from ").append(rule.label()).append(": pulled from the registry itself.\n")
        .append("server = ").append(quote((plain ? "http://" : "https://") + host)).append('\n')
        .toString();
  }

  private static StringBuilder header(RewriteRules rules, Rule rule) {
    return new StringBuilder("# Generated by relocator from ").append(rules.source())
        .append(", ").append(rule.label()).append(".\n");
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Diagnostic warning(RewriteRules rules, Rule rule, String message) {
    return Diagnostic.warning(rules.source(), rule.line(), "rules[" + rule.index() + "]", message);
  }
}
