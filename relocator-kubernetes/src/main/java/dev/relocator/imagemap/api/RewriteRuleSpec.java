package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The wire form of one rewrite rule in {@code spec.rules}: one entry of a rules file of the
 * rewrite engine ({@code dev.relocator.rewrite}, see docs/rules.md), validated by that engine's
 * parser. The schema preserves unknown fields so newer rule kinds can be stored; this class,
 * which only reads specs, ignores them (and the parser then reports the rule as incomplete).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@PreserveUnknownFields
public class RewriteRuleSpec {

  private String overwriteRegistry;
  private Boolean dropDigest;
  private Boolean corednsQuirk;
  private Boolean skipVerify;
  private Boolean plainHttp;
  private String server;
  private String prefix;
  private String from;
  private String to;
  private Flatten flatten;
  private List<String> include;
  private List<String> exclude;

  /** The {@code flatten} rule's settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Flatten {
    private String prefix;

    public String getPrefix() {
      return prefix;
    }

    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Flatten f && Objects.equals(prefix, f.prefix);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(prefix);
    }
  }

  public String getOverwriteRegistry() {
    return overwriteRegistry;
  }

  public void setOverwriteRegistry(String overwriteRegistry) {
    this.overwriteRegistry = overwriteRegistry;
  }

  public Boolean getDropDigest() {
    return dropDigest;
  }

  public void setDropDigest(Boolean dropDigest) {
    this.dropDigest = dropDigest;
  }

  public Boolean getCorednsQuirk() {
    return corednsQuirk;
  }

  public void setCorednsQuirk(Boolean corednsQuirk) {
    this.corednsQuirk = corednsQuirk;
  }

  public Boolean getSkipVerify() {
    return skipVerify;
  }

  public void setSkipVerify(Boolean skipVerify) {
    this.skipVerify = skipVerify;
  }

  public Boolean getPlainHttp() {
    return plainHttp;
  }

  public void setPlainHttp(Boolean plainHttp) {
    this.plainHttp = plainHttp;
  }

  public String getServer() {
    return server;
  }

  public void setServer(String server) {
    this.server = server;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public Flatten getFlatten() {
    return flatten;
  }

  public void setFlatten(Flatten flatten) {
    this.flatten = flatten;
  }

  public List<String> getInclude() {
    return include;
  }

  public void setInclude(List<String> include) {
    this.include = include;
  }

  public List<String> getExclude() {
    return exclude;
  }

  public void setExclude(List<String> exclude) {
    this.exclude = exclude;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RewriteRuleSpec r
        && Objects.equals(overwriteRegistry, r.overwriteRegistry)
        && Objects.equals(dropDigest, r.dropDigest)
        && Objects.equals(corednsQuirk, r.corednsQuirk)
        && Objects.equals(skipVerify, r.skipVerify)
        && Objects.equals(plainHttp, r.plainHttp)
        && Objects.equals(server, r.server)
        && Objects.equals(prefix, r.prefix)
        && Objects.equals(from, r.from)
        && Objects.equals(to, r.to)
        && Objects.equals(flatten, r.flatten)
        && Objects.equals(include, r.include)
        && Objects.equals(exclude, r.exclude);
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwriteRegistry, prefix, from, to, flatten);
  }
}
