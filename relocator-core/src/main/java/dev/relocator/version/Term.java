package dev.relocator.version;

/**
 * One comparison inside a constraint, such as {@code >= 1.20} or {@code != 4.x}: an operator and
 * the version it compares with, where wildcard or missing segments leave the version "dirty".
 *
 * <p>Each operator mirrors the matching function of Masterminds semver v3.4 exactly, including
 * its uneven handling of wildcards (for example {@code <= *} only admits {@code 0.0.x} and
 * {@code ^*} only {@code 0.0.0}, while {@code >= *} and {@code ~*} admit everything).
 */
final class Term {

  /** The comparison operators of the dialect; aliases share one operator. */
  enum Op {
    EQUAL, // "" and "=": equality, or a tilde range when the version is dirty
    NOT_EQUAL, // "!="
    GREATER, // ">"
    LESS, // "<"
    GREATER_EQUAL, // ">=" and "=>"
    LESS_EQUAL, // "<=" and "=<"
    TILDE, // "~" and "~>"
    CARET // "^"
  }

  private final Op op;
  private final Version con;
  private final boolean dirty; // some segment is a wildcard or missing
  private final boolean minorDirty; // the minor segment is a wildcard or missing (e.g. 1.x, 1)
  private final boolean patchDirty; // only the patch segment is (e.g. 1.2, 1.2.x)

  Term(Op op, Version con, boolean dirty, boolean minorDirty, boolean patchDirty) {
    this.op = op;
    this.con = con;
    this.dirty = dirty;
    this.minorDirty = minorDirty;
    this.patchDirty = patchDirty;
  }

  boolean hasPreRelease() {
    return con.isPreRelease();
  }

  /**
   * Whether {@code v} satisfies this term; {@code includePre} says whether the enclosing AND
   * group names a pre-release (upstream's per-group rule since v3.4).
   */
  boolean matches(Version v, boolean includePre) {
    if (v.isPreRelease() && !includePre) {
      return false;
    }
    return switch (op) {
      case EQUAL -> dirty ? tilde(v) : v.compareTo(con) == 0;
      case NOT_EQUAL -> notEqual(v);
      case GREATER -> greater(v);
      case LESS -> v.compareTo(con) < 0;
      case GREATER_EQUAL -> v.compareTo(con) >= 0;
      case LESS_EQUAL -> lessEqual(v);
      case TILDE -> tilde(v);
      case CARET -> caret(v);
    };
  }

  private boolean notEqual(Version v) {
    if (dirty) {
      if (con.major() != v.major()) {
        return true;
      }
      if (con.minor() != v.minor() && !minorDirty) {
        return true;
      } else if (minorDirty) {
        return false; // != 4.x excludes the whole 4.x line
      } else if (con.patch() != v.patch() && !patchDirty) {
        return true;
      } else if (patchDirty) {
        // != 4.1 excludes the 4.1.x line, unless the pre-releases differ
        if (v.isPreRelease() || con.isPreRelease()) {
          return VersionSyntax.comparePreRelease(v.preRelease(), con.preRelease()) != 0;
        }
        return false;
      }
      // a wildcard major (!= *) falls through to plain inequality with 0.0.0
    }
    return v.compareTo(con) != 0;
  }

  private boolean greater(Version v) {
    if (!dirty) {
      return v.compareTo(con) > 0;
    }
    int major = Long.compareUnsigned(v.major(), con.major());
    if (major != 0) {
      return major > 0;
    }
    if (minorDirty) {
      return false; // > 11 needs 12 or higher
    }
    if (patchDirty) {
      return Long.compareUnsigned(v.minor(), con.minor()) > 0; // > 11.1 needs 11.2 or higher
    }
    return v.compareTo(con) > 0;
  }

  private boolean lessEqual(Version v) {
    if (!dirty) {
      return v.compareTo(con) <= 0;
    }
    int major = Long.compareUnsigned(v.major(), con.major());
    if (major > 0) {
      return false;
    }
    return !(major == 0 && Long.compareUnsigned(v.minor(), con.minor()) > 0 && !minorDirty);
  }

  private boolean tilde(Version v) {
    if (v.compareTo(con) < 0) {
      return false;
    }
    // ~0.0.0 and ~* accept everything at or above 0.0.0
    if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
      return true;
    }
    if (v.major() != con.major()) {
      return false;
    }
    return v.minor() == con.minor() || minorDirty;
  }

  private boolean caret(Version v) {
    if (v.compareTo(con) < 0) {
      return false;
    }
    if (con.major() != 0 || minorDirty) {
      return v.major() == con.major(); // ^1.2.3 := >=1.2.3 <2.0.0; ^0 := <1.0.0
    }
    if (v.major() != 0) {
      return false;
    }
    if (con.minor() != 0 || patchDirty) {
      return v.minor() == con.minor(); // ^0.2.3 := >=0.2.3 <0.3.0; ^0.0 := <0.1.0
    }
    if (v.minor() != 0) {
      return false;
    }
    return v.patch() == con.patch(); // ^0.0.3 := =0.0.3
  }
}
