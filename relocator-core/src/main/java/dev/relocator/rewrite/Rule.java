package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a rules file. Each kind knows how to rewrite a reference it matched; which rule
 * matches is decided by {@link RewriteRules}.
 */
public sealed interface Rule permits Rule.OverwriteRegistry, Rule.Prefix, Rule.Exact, Rule.Flatten {

  /** Zero-based position in the file; the first matching rule wins. */
  int index();

  /** 1-based line of the rule in its file, or 0 when built in code. */
  int line();

  /** The include/exclude globs that narrow this rule. */
  Selector selector();

  /** The rule's key in the file: {@code overwriteRegistry}, {@code prefix}, {@code from} or {@code flatten}. */
  String kind();

  /**
   * Whether this rule, taken alone, matches {@code ref}: its selector lets it through and, for
   * exact and prefix rules, its {@code from} or prefix fits. Which rule wins among several is
   * {@link RewriteRules}'s decision (the first in file order, the longest among prefixes).
   */
  boolean matches(ImageReference ref);

  /** The reference this rule turns {@code ref} into; {@code ref} is one the rule matched. */
  ImageReference apply(ImageReference ref);

  /** A short human label such as {@code rules[2] (prefix docker.io)}. */
  default String label() {
    return "rules[" + index() + "] (" + kind() + " " + subject() + ")";
  }

  /** What the rule matches or targets, as written after its kind in {@link #label()}. */
  String subject();

  /** Node-side options of rules that can become containerd or CRI-O mirror configuration. */
  record MirrorOptions(boolean skipVerify, boolean plainHttp, Optional<String> server) {
    public static final MirrorOptions DEFAULT = new MirrorOptions(false, false, Optional.empty());

    public MirrorOptions {
      Objects.requireNonNull(server, "server");
    }
  }

  /**
   * KubeOne's {@code overwriteRegistry}: every image moves to {@code target}, keeping its path
   * ({@code library/} included) and tag; the digest is kept unless {@code dropDigest}.
   *
   * @param corednsQuirk whether kubeadm's CoreDNS ({@code registry.k8s.io/coredns/coredns}, or
   *     {@code k8s.gcr.io/coredns/coredns} before Kubernetes 1.25) becomes {@code target/coredns},
   *     where kubeadm looks for CoreDNS under a custom image repository
   */
  record OverwriteRegistry(
      int index, int line, Selector selector, Location target, boolean dropDigest,
      boolean corednsQuirk, MirrorOptions mirror) implements Rule {

    /** The repository kubeadm pulls CoreDNS from by default, and relocates one level up. */
    static final String KUBEADM_COREDNS = "registry.k8s.io/coredns/coredns";
    /** The same, as kubeadm named it up to Kubernetes 1.24 (k8s.gcr.io was frozen in 2023). */
    static final String KUBEADM_COREDNS_GCR = "k8s.gcr.io/coredns/coredns";

    @Override
    public String kind() {
      return "overwriteRegistry";
    }

    @Override
    public String subject() {
      return target.toString();
    }

    /** The registry host the images move to. */
    public String registry() {
      return target.domain();
    }

    /** The path below the registry the images move under, or empty. */
    public String path() {
      return target.path();
    }

    @Override
    public boolean matches(ImageReference ref) {
      return selector.test(ref);
    }

    @Override
    public ImageReference apply(ImageReference ref) {
      String path = ref.path();
      if (corednsQuirk && path.equals("coredns/coredns")
          && (ref.name().equals(KUBEADM_COREDNS) || ref.name().equals(KUBEADM_COREDNS_GCR))) {
        path = "coredns";
      }
      ImageReference out = Rules.withName(this, ref, target.domain(), target.below(path));
      return dropDigest ? out.withoutDigest() : out;
    }
  }

  /**
   * A registries.conf-style prefix: images under {@code prefix} (a registry, a registry and path
   * on a component boundary, or {@code *} for every registry) move under {@code to}, keeping
   * the rest of their path. The longest matching prefix wins among prefix rules.
   */
  record Prefix(int index, int line, Selector selector, String prefix, Location to, MirrorOptions mirror)
      implements Rule {

    /** The prefix that matches every registry, as containerd's {@code _default}. */
    public static final String ANY = "*";

    @Override
    public String kind() {
      return "prefix";
    }

    @Override
    public String subject() {
      return prefix;
    }

    /** Whether this is the {@code *} prefix. */
    public boolean isAny() {
      return prefix.equals(ANY);
    }

    /** Whether the prefix is a bare registry host, without a path. */
    public boolean isRegistry() {
      return !isAny() && prefix.indexOf('/') < 0;
    }

    /** The target location, {@code HOST[:PORT][/PATH]}. */
    public String target() {
      return to.toString();
    }

    @Override
    public boolean matches(ImageReference ref) {
      if (!isAny()) {
        String name = ref.name();
        if (!name.startsWith(prefix)
            || name.length() > prefix.length() && name.charAt(prefix.length()) != '/') {
          return false;
        }
      }
      return selector.test(ref);
    }

    @Override
    public ImageReference apply(ImageReference ref) {
      String rest;
      if (isAny() || isRegistry()) {
        rest = ref.path();
      } else {
        String name = ref.name();
        rest = name.length() == prefix.length() ? "" : name.substring(prefix.length() + 1);
      }
      String path = to.below(rest);
      if (path.isEmpty()) {
        throw new RewriteException(label() + " cannot rewrite \"" + ref + "\": nothing of its path"
            + " is left below \"" + to + "\", which has no path of its own");
      }
      return Rules.withName(this, ref, to.domain(), path);
    }
  }

  /**
   * An exact image mapping with the image mapper's invariant: a {@code from} without tag or
   * digest maps every tag and digest of its repository; with a tag, that tag only; with a
   * digest, that digest only. Whatever {@code to} leaves out is taken from the input.
   */
  record Exact(int index, int line, Selector selector, ImageReference from, ImageReference to)
      implements Rule {

    @Override
    public String kind() {
      return "from";
    }

    @Override
    public String subject() {
      return from.toString();
    }

    @Override
    public boolean matches(ImageReference ref) {
      if (!from.domain().equals(ref.domain()) || !from.path().equals(ref.path())) {
        return false;
      }
      if (from.digest().isPresent()) {
        if (!from.digest().equals(ref.digest())) {
          return false;
        }
      } else if (from.tag().isPresent() && !from.tag().equals(ref.tag())) {
        return false;
      }
      return selector.test(ref);
    }

    @Override
    public ImageReference apply(ImageReference ref) {
      ImageReference out = to;
      if (to.tag().isEmpty() && ref.tag().isPresent()) {
        out = out.withTag(ref.tag().get());
      }
      if (to.digest().isEmpty() && ref.digest().isPresent()) {
        out = out.withDigest(ref.digest().get());
      }
      return out;
    }
  }

  /**
   * The image-relocation library's FlattenRepoPath: every image becomes one repository below
   * {@code prefix}, named after its path and an MD5 of its name, keeping tag and digest.
   */
  record Flatten(int index, int line, Selector selector, String prefix) implements Rule {

    @Override
    public String kind() {
      return "flatten";
    }

    @Override
    public String subject() {
      return prefix;
    }

    @Override
    public boolean matches(ImageReference ref) {
      return selector.test(ref);
    }

    @Override
    public ImageReference apply(ImageReference ref) {
      ImageReference named;
      String text = Flattener.flatten(prefix, ref.name(), ref.path());
      try {
        named = ImageReference.parse(text);
      } catch (InvalidReferenceException e) {
        throw new RewriteException(label() + " turns \"" + ref + "\" into an invalid reference: "
            + e.getMessage(), e);
      }
      if (ref.tag().isPresent()) {
        named = named.withTag(ref.tag().get());
      }
      return ref.digest().isPresent() ? named.withDigest(ref.digest().get()) : named;
    }
  }
}
