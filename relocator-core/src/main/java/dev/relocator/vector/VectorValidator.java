package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import dev.relocator.version.Constraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gardener's validation of an image vector plus the checks that catch its traps, reporting every
 * problem at once: name required; {@code ref} excludes {@code repository}/{@code tag}; no empty
 * strings; constraints parse; architectures from the OCI set; the CA bundle a current certificate.
 */
final class VectorValidator {
  /** distribution/reference's tag grammar: a word character, then up to 127 of [\w.-]. */
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  /** A sha256 digest, which Gardener accepts as a tag and renders with {@code @}. */
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  private final String source;
  private final List<Diagnostic> out = new ArrayList<>();

  private VectorValidator(String source) {
    this.source = source;
  }

  static List<Diagnostic> validate(ImageVector vector, String source, int caBundleLine) {
    VectorValidator validator = new VectorValidator(source);
    for (ImageSource entry : vector.entries()) {
      validator.entry(entry);
    }
    if (vector.caBundle() != null) {
      CaBundles.check(vector.caBundle().inline(), source, caBundleLine, validator.out);
    }
    return validator.out;
  }

  private void entry(ImageSource e) {
    Origin o = e.origin();
    String path = o.path();
    if (e.name() == null || e.name().isBlank()) {
      error(o.lineOf("name"), path + ".name", "name is required");
    }
    notEmpty(e.sourceRepository(), o, "sourceRepository");
    notEmpty(e.repository(), o, "repository");
    notEmpty(e.tag(), o, "tag");
    notEmpty(e.ref(), o, "ref");
    notEmpty(e.version(), o, "version");
    if (e.ref() != null) {
      if (e.repository() != null) {
        error(o.lineOf("repository"), path + ".repository", "cannot be set together with ref \"" + e.ref() + "\"");
      }
      if (e.tag() != null) {
        error(o.lineOf("tag"), path + ".tag", "cannot be set together with ref \"" + e.ref() + "\"");
      }
    } else if (e.repository() == null) {
      error(o.line(), path, "either ref or repository is required");
    }
    if (e.tag() != null && !e.tag().isEmpty()) {
      tag(e.tag(), o);
    }
    if (e.repository() != null && !e.repository().isEmpty()) {
      repository(e.repository(), o);
    }
    if (e.ref() != null && !e.ref().isEmpty()) {
      reference(e.ref(), o.lineOf("ref"), o.path() + ".ref");
    }
    constraint(e.runtimeVersion(), o, "runtimeVersion");
    constraint(e.targetVersion(), o, "targetVersion");
    version(e, o);
    architectures(e.architectures(), o);
  }

  private void version(ImageSource e, Origin o) {
    if (!ImageSource.isVersionConstraint(e.version())) {
      return;
    }
    String path = o.path() + ".version";
    int line = o.lineOf("version");
    try {
      Constraint.parse(e.version().trim());
    } catch (RuntimeException ex) {
      error(line, path, "\"" + e.version() + "\" is neither a full version such as v1.2.3 nor a valid constraint: " + ex.getMessage());
      return;
    }
    String both =
        e.targetVersion() == null
            ? "write it as targetVersion: \"" + e.version() + "\" so Gardener matches it too"
            : "targetVersion \"" + e.targetVersion() + "\" is also set: both must match, and the better score counts";
    warning(
        line,
        path,
        "\"" + e.version() + "\" is a constraint: it selects the entry by the target Kubernetes version (as in Gardener's docs), "
            + both);
  }

  private void tag(String tag, Origin o) {
    String path = o.path() + ".tag";
    int line = o.lineOf("tag");
    if (tag.startsWith("sha256:")) {
      if (!SHA256.matcher(tag).matches()) {
        error(line, path, "invalid digest \"" + tag + "\": sha256 needs 64 lowercase hex digits");
      }
      return;
    }
    int at = tag.indexOf('@');
    String plain = at < 0 ? tag : tag.substring(0, at);
    if (!TAG.matcher(plain).matches()) {
      error(line, path, "invalid tag \"" + plain + "\": a tag is up to 128 of [A-Za-z0-9_.-], not starting with . or -");
    }
    if (at >= 0 && !SHA256.matcher(tag.substring(at + 1)).matches()) {
      error(line, path, "invalid digest \"" + tag.substring(at + 1) + "\" in tag \"" + tag + "\": expected sha256: and 64 lowercase hex digits");
    }
  }

  private void repository(String repository, Origin o) {
    String path = o.path() + ".repository";
    int line = o.lineOf("repository");
    if (repository.chars().anyMatch(Character::isWhitespace)) {
      error(line, path, "invalid repository \"" + repository + "\": contains whitespace");
    } else if (repository.contains("@")) {
      error(line, path, "repository \"" + repository + "\" holds a digest: put it in tag or use ref");
    } else if (repository.substring(repository.lastIndexOf('/') + 1).contains(":")) {
      error(line, path, "repository \"" + repository + "\" holds a tag: put it in tag or use ref");
    } else {
      reference(repository, line, path);
    }
  }

  /** The reference grammar of distribution/reference, which the container runtime applies. */
  private void reference(String text, int line, String path) {
    try {
      ImageReference.parse(text);
    } catch (RuntimeException ex) {
      error(line, path, ex.getMessage());
    }
  }

  private void constraint(String text, Origin o, String field) {
    if (text == null) {
      return;
    }
    String path = o.path() + "." + field;
    if (text.isBlank()) {
      error(o.lineOf(field), path, "must not be empty");
      return;
    }
    try {
      Constraint.parse(text.trim());
    } catch (RuntimeException ex) {
      error(o.lineOf(field), path, ex.getMessage());
    }
  }

  private void architectures(List<String> archs, Origin o) {
    if (archs == null) {
      return;
    }
    String path = o.path() + ".architectures";
    if (archs.isEmpty()) {
      error(o.lineOf("architectures"), path, "an empty list matches no machine; remove it to mean amd64 and arm64");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < archs.size(); i++) {
      String arch = archs.get(i);
      int line = o.lineOf("architectures[" + i + "]");
      String itemPath = path + "[" + i + "]";
      if (!Architectures.isValid(arch)) {
        String suggestion = Architectures.suggest(arch);
        error(
            line,
            itemPath,
            "unknown architecture \"" + arch + "\""
                + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)")
                + ": expected an OCI platform architecture such as amd64, arm64, arm, 386, ppc64le, s390x, riscv64");
      } else if (!seen.add(arch)) {
        warning(line, itemPath, "duplicate architecture \"" + arch + "\"");
      }
    }
  }

  private void notEmpty(String value, Origin o, String field) {
    if (value != null && value.isEmpty()) {
      error(o.lineOf(field), o.path() + "." + field, "must not be empty; remove the key instead");
    }
  }

  private void error(int line, String path, String message) {
    out.add(Diagnostic.error(source, line, path, message));
  }

  private void warning(int line, String path, String message) {
    out.add(Diagnostic.warning(source, line, path, message));
  }
}
