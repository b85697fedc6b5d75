package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code include}/{@code exclude} globs of a rule. A glob without '/' matches the registry
 * ({@code 127.0.0.1:5000}, {@code *.example.com}); a glob with '/' matches the canonical
 * repository name ({@code docker.io/library/*}). {@code *} and {@code ?} stay within one path
 * component, {@code **} crosses '/'. A rule applies when some include matches (or there is none)
 * and no exclude matches. Selectors look only at the repository name, never at tag or digest.
 */
public final class Selector {
  private static final Selector NONE = new Selector(List.of(), List.of());

  private final List<String> include;
  private final List<String> exclude;
  private final List<Glob> includeGlobs;
  private final List<Glob> excludeGlobs;

  private Selector(List<String> include, List<String> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
    this.includeGlobs = include.stream().map(Glob::new).toList();
    this.excludeGlobs = exclude.stream().map(Glob::new).toList();
  }

  /** A selector that lets every image through. */
  public static Selector none() {
    return NONE;
  }

  /** A selector from glob texts; throws {@link IllegalArgumentException} for an empty glob. */
  public static Selector of(List<String> include, List<String> exclude) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return NONE;
    }
    return new Selector(include, exclude);
  }

  public List<String> include() {
    return include;
  }

  public List<String> exclude() {
    return exclude;
  }

  /** Whether this selector lets every image through. */
  public boolean isEmpty() {
    return include.isEmpty() && exclude.isEmpty();
  }

  /** Whether a rule with this selector may apply to {@code ref}. */
  public boolean test(ImageReference ref) {
    if (this == NONE) {
      return true;
    }
    String domain = ref.domain();
    String name = ref.name();
    if (!includeGlobs.isEmpty() && includeGlobs.stream().noneMatch(g -> g.matches(domain, name))) {
      return false;
    }
    return excludeGlobs.stream().noneMatch(g -> g.matches(domain, name));
  }

  @Override
  public String toString() {
    return "include " + include + " exclude " + exclude;
  }

  /**
   * {@code glob} as a pattern over a whole name: {@code *} and {@code ?} stay within one path
   * component, {@code **} crosses '/', and {@code a/**} matches {@code a} too. The one glob
   * grammar of rules' selectors and image policies' exemptions.
   */
  public static Pattern globPattern(String glob) {
    return Pattern.compile(Glob.toRegex(glob));
  }

  /** One compiled glob; matches the registry or the whole name depending on its shape. */
  static final class Glob {
    private final boolean onName;
    private final Pattern pattern;

    Glob(String glob) {
      if (glob.isEmpty()) {
        throw new IllegalArgumentException("a glob must not be empty");
      }
      this.onName = glob.indexOf('/') >= 0;
      this.pattern = Pattern.compile(toRegex(glob));
    }

    boolean matches(String domain, String name) {
      return pattern.matcher(onName ? name : domain).matches();
    }

    static String toRegex(String glob) {
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '*') {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            // "a/**" also matches "a" itself, so a registry's own name is inside its tree.
            if (i + 1 == glob.length() && regex.length() > 0 && regex.charAt(regex.length() - 1) == '/') {
              regex.setLength(regex.length() - 1);
              regex.append("(?:/.*)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append("[^/]*");
          }
        } else if (c == '?') {
          regex.append("[^/]");
        } else if (c == '/' || Character.isLetterOrDigit(c)) {
          regex.append(c);
        } else {
          regex.append('\\').append(c);
        }
      }
      return regex.toString();
    }
  }
}
