package dev.relocator.rewrite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The image-relocation library's FlattenRepoPath, which maps any repository to one path
 * component below a prefix: {@code P/} + the path's components joined with {@code -} + {@code -}
 * + the hex MD5 of the normalised repository name. The hash keeps distinct repositories apart;
 * the readable part lets a person recognise the image.
 */
final class Flattener {
  /** Upstream's {@code NameTotalLengthMax}: the whole result name must fit in it. */
  static final int NAME_MAX = 255;
  /** The hex MD5 that ends every flattened name. */
  static final int HASH_LENGTH = 32;
  /**
   * The longest prefix whose flattened names fit: upstream lets the readable part shrink to
   * nothing, so only "/" and the hash must follow the prefix (a 221-character prefix gives
   * {@code PREFIX/<32 hex>}); a longer prefix makes every name too long.
   */
  static final int MAX_PREFIX_LENGTH = NAME_MAX - 1 - HASH_LENGTH;
  /** What replaces elided middle components once joined: the element "-" between two '-'. */
  private static final String ELIDED = "-";

  private Flattener() {}

  /**
   * The flattened repository text for {@code name} (normalised {@code domain/path}) whose path
   * is {@code path}, below {@code prefix}; parse it to normalise a prefix without registry.
   */
  static String flatten(String prefix, String name, String path) {
    String hash = md5Hex(name);
    // Room for the readable part: the limit minus "P/" + "-" + hash.
    int room = NAME_MAX - (prefix.length() + 2 + hash.length());
    String readable = String.join("-", fit(List.of(path.split("/")), room));
    if (readable.isEmpty()) {
      return prefix + "/" + hash;
    }
    return prefix + "/" + readable + "-" + hash;
  }

  /**
   * The longest readable form of {@code components} within {@code room} characters once joined
   * with '-': all of them; else the first k-1 and the last with "---" between, for decreasing k;
   * else the last alone; else the first alone; else nothing.
   */
  static List<String> fit(List<String> components, int room) {
    int count = components.size();
    for (int keep = count; keep > 0; keep--) {
      List<String> candidate = elide(components, keep);
      if (joinedLength(candidate) <= room) {
        return candidate;
      }
    }
    if (count > 0 && components.get(0).length() <= room) {
      return List.of(components.get(0));
    }
    return List.of();
  }

  /** {@code components} shortened to {@code keep} elements, the last always kept. */
  private static List<String> elide(List<String> components, int keep) {
    int count = components.size();
    if (count < 2 || keep >= count) {
      return components;
    }
    String last = components.get(count - 1);
    if (keep < 2) {
      return List.of(last);
    }
    List<String> out = new ArrayList<>(components.subList(0, keep - 1));
    out.add(ELIDED);
    out.add(last);
    return out;
  }

  private static int joinedLength(List<String> parts) {
    int length = Math.max(0, parts.size() - 1);
    for (String part : parts) {
      length += part.length();
    }
    return length;
  }

  static String md5Hex(String text) {
    try {
      // MD5 is upstream's choice for a short, stable name, not a security measure.
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide MD5", e);
    }
  }
}
