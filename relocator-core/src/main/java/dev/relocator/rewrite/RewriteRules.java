package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated rules file: rewrites normalised references with the first matching rule, in file
 * order (among prefix rules the longest matching prefix counts as the match). Immutable and
 * safe to share between threads.
 */
public final class RewriteRules {
  private final String source;
  private final List<Rule> rules;
  private final List<Diagnostic> warnings;
  private final RuleIndex index;
  private final java.util.Set<Integer> shadowed = new java.util.HashSet<>();
  private final KubeOneCluster kubeOne;

  private RewriteRules(String source, List<Rule> rules, List<Diagnostic> parseWarnings, KubeOneCluster kubeOne) {
    this.source = source;
    this.rules = List.copyOf(rules);
    this.kubeOne = kubeOne;
    this.index = new RuleIndex(this.rules);
    List<Diagnostic> all = new ArrayList<>(parseWarnings);
    all.addAll(ShadowCheck.check(source, this.rules, index, shadowed));
    this.warnings = List.copyOf(all);
  }

  /**
   * Parses and validates a rules file, or a KubeOne cluster file ({@code kind: KubeOneCluster},
   * read as {@link #kubeOne()} says); throws {@link InvalidRulesException} listing every error.
   *
   * @param source the file name to quote in findings
   * @param text the YAML text
   */
  public static RewriteRules parse(String source, String text) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    if (KubeOneReader.describes(text)) {
      KubeOneReader reader = new KubeOneReader(source);
      KubeOneReader.Result result = reader.read(text);
      if (result == null || reader.diagnostics().stream().anyMatch(Diagnostic::isError)) {
        throw new InvalidRulesException(reader.diagnostics());
      }
      return new RewriteRules(source, result.rules(), reader.diagnostics(), result.cluster());
    }
    RulesParser parser = new RulesParser(source);
    List<Rule> rules = parser.parse(text);
    if (parser.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      // The rules that did parse are still checked, so one run reports errors and warnings.
      List<Diagnostic> all = new ArrayList<>(parser.diagnostics());
      all.addAll(ShadowCheck.check(source, rules, new RuleIndex(rules), new java.util.HashSet<>()));
      all.sort(java.util.Comparator.comparingInt(Diagnostic::line));
      throw new InvalidRulesException(all);
    }
    return new RewriteRules(source, rules, parser.diagnostics(), null);
  }

  /**
   * Validates rules given as values, one map per rule with the fields a rules file has (an
   * ImageMap's {@code spec.rules}, say), exactly as {@link #parse} validates a file, without
   * writing them out as text; findings carry no line. Throws {@link InvalidRulesException}.
   *
   * @param source the name to quote in findings
   * @param rules the rules, each a map of field name to a string, boolean, list or map
   */
  public static RewriteRules of(String source, List<? extends Map<String, ?>> rules) {
    Objects.requireNonNull(source, "source");
    RulesParser parser = new RulesParser(source);
    List<Rule> parsed = parser.parseValues(rules);
    if (parser.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      throw new InvalidRulesException(parser.diagnostics());
    }
    return new RewriteRules(source, parsed, parser.diagnostics(), null);
  }

  /** Reads and parses the rules file at {@code file}, quoting its name in findings. */
  public static RewriteRules load(Path file) {
    return parse(file.toString(), TextFiles.read(file));
  }

  /**
   * These rules, then {@code more}'s, renumbered after them, under the name {@code source}: what a
   * command adds to the user's rules (a relocation's target as prefix rules) for node configuration.
   * Only findings of rendering it are of use: those of reading each part were reported already.
   */
  public RewriteRules followedBy(String source, RewriteRules more) {
    List<Rule> all = new ArrayList<>(rules);
    for (Rule rule : more.rules) {
      all.add(renumbered(rule, all.size()));
    }
    return new RewriteRules(source, all, List.of(), kubeOne);
  }

  private static Rule renumbered(Rule rule, int i) {
    if (rule instanceof Rule.OverwriteRegistry r) {
      return new Rule.OverwriteRegistry(i, r.line(), r.selector(), r.target(), r.dropDigest(), r.corednsQuirk(),
          r.mirror());
    }
    if (rule instanceof Rule.Prefix r) {
      return new Rule.Prefix(i, r.line(), r.selector(), r.prefix(), r.to(), r.mirror());
    }
    if (rule instanceof Rule.Exact r) {
      return new Rule.Exact(i, r.line(), r.selector(), r.from(), r.to());
    }
    Rule.Flatten r = (Rule.Flatten) rule;
    return new Rule.Flatten(i, r.line(), r.selector(), r.prefix());
  }

  /** Rules built in code; their indexes must be 0, 1, 2… in list order. */
  public static RewriteRules of(List<Rule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).index() != i) {
        throw new IllegalArgumentException("rule at position " + i + " has index " + rules.get(i).index());
      }
    }
    return new RewriteRules("rules", rules, List.of(), null);
  }

  /** The rewrite of {@code ref}: the first matching rule's output, or {@code ref} itself. */
  public Rewrite rewrite(ImageReference ref) {
    Rule rule = index.find(ref);
    return new Rewrite(ref, rule == null ? ref : rule.apply(ref), rule);
  }

  /** The reference {@code ref} becomes; {@code ref} itself when no rule matches. */
  public ImageReference apply(ImageReference ref) {
    Rule rule = index.find(ref);
    return rule == null ? ref : rule.apply(ref);
  }

  /** The rules, in file order. */
  public List<Rule> rules() {
    return rules;
  }

  /** Findings that do not invalidate the file, such as rules shadowed by earlier ones. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** Whether the rule at {@code index} can never match because earlier rules take its images. */
  public boolean isShadowed(int index) {
    return shadowed.contains(index);
  }

  /**
   * What the KubeOne cluster file these rules were read from says beyond them (registries to
   * reach over plain HTTP, the Kubernetes version); empty for a rules file.
   */
  public Optional<KubeOneCluster> kubeOne() {
    return Optional.ofNullable(kubeOne);
  }

  /** The name the file was loaded from. */
  public String source() {
    return source;
  }
}
