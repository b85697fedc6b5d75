package dev.relocator.imagemap;

import java.util.List;
import java.util.Objects;

/**
 * A map's spec as the consistency check reads it: its entries and rules parsed once, where the
 * spec comes in, or the first problem with each. The check reports the rules' problem first.
 *
 * @param entries the validated entries, empty when {@code entriesProblem} is set
 * @param entriesProblem why the entries are invalid, naming {@code map[i]}, or null
 * @param rules the validated rules, or null when there are none or they are invalid
 * @param rulesProblem why the rules are invalid, naming {@code spec.rules[i]}, or null
 * @param pullSecrets the names of the Secrets pods need to pull what this map relocates; not
 *     part of the consistency check, and taken from the current spec
 */
public record MapSpec(
    List<Mapping> entries, String entriesProblem, MapRules rules, String rulesProblem, List<String> pullSecrets) {

  /** A map without a spec. */
  public static final MapSpec MISSING = new MapSpec(List.of(), "spec: is required", null, null);

  public MapSpec {
    entries = List.copyOf(entries);
    pullSecrets = pullSecrets == null ? List.of() : List.copyOf(pullSecrets);
  }

  /** A spec without pull secrets. */
  public MapSpec(List<Mapping> entries, String entriesProblem, MapRules rules, String rulesProblem) {
    this(entries, entriesProblem, rules, rulesProblem, List.of());
  }

  /** This spec with {@code names} as its pull secrets. */
  public MapSpec withPullSecrets(List<String> names) {
    return new MapSpec(entries, entriesProblem, rules, rulesProblem, names);
  }

  /** One entry as written: the text of its {@code from} and {@code to}, either may be null. */
  public record Entry(String from, String to) {}

  /**
   * The spec of {@code entries} as written and the rules (or their problem) built from the spec.
   *
   * @param entries the entries; a null entry is reported as empty
   */
  public static MapSpec of(List<Entry> entries, MapRules rules, String rulesProblem) {
    EntryParser.Parsed parsed = EntryParser.parse(entries);
    return new MapSpec(parsed.entries(), parsed.problem(), rules, rulesProblem);
  }

  /** Whether entries and rules are valid, so the check may compare them with other maps. */
  public boolean valid() {
    return entriesProblem == null && rulesProblem == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapSpec s
        && entries.equals(s.entries)
        && Objects.equals(entriesProblem, s.entriesProblem)
        && Objects.equals(rules, s.rules)
        && Objects.equals(rulesProblem, s.rulesProblem)
        && pullSecrets.equals(s.pullSecrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, entriesProblem, rules, rulesProblem, pullSecrets);
  }
}
