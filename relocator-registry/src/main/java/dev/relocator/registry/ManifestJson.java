package dev.relocator.registry;

import dev.relocator.registry.Manifest.DescriptorTemplate;
import dev.relocator.registry.Manifest.ManifestTemplate;
import dev.relocator.registry.Manifest.PlatformTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a manifest or index that copying needs, straight from its JSON bytes; every
 * other field is skipped (and kept, since the bytes are never re-serialised). Hand-written because
 * Jackson's first {@code readValue} of a record costs about 100 ms of CPU in a fresh JVM (building
 * its deserialisers by reflection), a fifth of an up-to-date {@code relocator mirror} run; this
 * reader costs a few milliseconds. Strict JSON (RFC 8259): one value, no trailing content; a
 * repeated key keeps its last value, as Jackson does.
 */
final class ManifestJson {
  /** Deeper nesting is refused rather than risking the stack (Jackson's default limit too). */
  private static final int MAX_DEPTH = 1000;

  private final byte[] in;
  private int pos;
  private int depth;

  private ManifestJson(byte[] in) {
    this.in = in;
  }

  /** The manifest's fields, or an {@link IOException} saying what is wrong and at which byte. */
  static ManifestTemplate read(byte[] json) throws IOException {
    ManifestJson reader = new ManifestJson(json);
    reader.space();
    ManifestTemplate template = reader.manifest();
    reader.space();
    if (reader.pos < json.length) {
      throw reader.error("unexpected content after the document");
    }
    return template;
  }

  private ManifestTemplate manifest() throws IOException {
    Integer schemaVersion = null;
    String mediaType = null;
    DescriptorTemplate config = null;
    List<DescriptorTemplate> layers = null;
    List<DescriptorTemplate> manifests = null;
    expect('{', "a JSON object");
    for (boolean more = firstMember('}'); more; more = nextMember('}')) {
      String key = key();
      switch (key) {
        case "schemaVersion" -> schemaVersion = nullOr() ? null : int32(key);
        case "mediaType" -> mediaType = nullOr() ? null : string();
        case "config" -> config = nullOr() ? null : descriptor();
        case "layers" -> layers = nullOr() ? null : descriptors();
        case "manifests" -> manifests = nullOr() ? null : descriptors();
        default -> skipValue();
      }
    }
    return new ManifestTemplate(schemaVersion, mediaType, config, layers, manifests);
  }

  private List<DescriptorTemplate> descriptors() throws IOException {
    List<DescriptorTemplate> list = new ArrayList<>();
    expect('[', "an array of descriptors");
    for (boolean more = firstMember(']'); more; more = nextMember(']')) {
      if (peek() == 'n') {
        throw error("null in place of a descriptor");
      }
      list.add(descriptor());
    }
    return list;
  }

  private DescriptorTemplate descriptor() throws IOException {
    String mediaType = null;
    String digest = null;
    Long size = null;
    PlatformTemplate platform = null;
    expect('{', "a descriptor object");
    for (boolean more = firstMember('}'); more; more = nextMember('}')) {
      String key = key();
      switch (key) {
        case "mediaType" -> mediaType = nullOr() ? null : string();
        case "digest" -> digest = nullOr() ? null : string();
        case "size" -> size = nullOr() ? null : integer(key);
        case "platform" -> platform = nullOr() ? null : platform();
        default -> skipValue();
      }
    }
    return new DescriptorTemplate(mediaType, digest, size, platform);
  }

  private PlatformTemplate platform() throws IOException {
    String os = null;
    String architecture = null;
    String variant = null;
    expect('{', "a platform object");
    for (boolean more = firstMember('}'); more; more = nextMember('}')) {
      String key = key();
      switch (key) {
        case "os" -> os = nullOr() ? null : string();
        case "architecture" -> architecture = nullOr() ? null : string();
        case "variant" -> variant = nullOr() ? null : string();
        default -> skipValue();
      }
    }
    return new PlatformTemplate(os, architecture, variant);
  }

  /** After an opening bracket: whether a member follows (else consumes {@code close}). */
  private boolean firstMember(char close) throws IOException {
    space();
    if (peek() == close) {
      pos++;
      return false;
    }
    return true;
  }

  /** After a member: consumes {@code ,} (true) or {@code close} (false). */
  private boolean nextMember(char close) throws IOException {
    space();
    int c = peek();
    pos++;
    if (c == ',') {
      space();
      return true;
    }
    if (c == close) {
      return false;
    }
    pos--;
    throw error("expected ',' or '" + close + "'");
  }

  /** An object key and its colon. */
  private String key() throws IOException {
    if (peek() != '"') {
      throw error("expected a quoted key");
    }
    String key = string();
    space();
    expect(':', "':' after key \"" + key + "\"");
    space();
    return key;
  }

  /** Consumes a {@code null} literal if one is next. */
  private boolean nullOr() throws IOException {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  private void skipValue() throws IOException {
    int c = peek();
    if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (c) {
      case '{' -> {
        pos++;
        for (boolean more = firstMember('}'); more; more = nextMember('}')) {
          key();
          skipValue();
        }
        depth--;
      }
      case '[' -> {
        pos++;
        for (boolean more = firstMember(']'); more; more = nextMember(']')) {
          skipValue();
        }
        depth--;
      }
      case '"' -> {
        string();
        return;
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private int int32(String key) throws IOException {
    int start = pos;
    long value = integer(key);
    if (value != (int) value) {
      pos = start;
      throw error("\"" + key + "\" is out of range: " + value);
    }
    return (int) value;
  }

  private long integer(String key) throws IOException {
    int start = pos;
    String text = number();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("\"" + key + "\" must be an integer, not " + text);
    }
  }

  /** A JSON number's text (validated by its grammar). */
  private String number() throws IOException {
    int start = pos;
    if (peekOr(-1) == '-') {
      pos++;
    }
    if (peekOr(-1) == '0') {
      pos++;
    } else if (!digits()) {
      pos = start;
      throw error("expected a value");
    }
    if (peekOr(-1) == '.') {
      pos++;
      if (!digits()) {
        throw error("expected digits after '.'");
      }
    }
    if (peekOr(-1) == 'e' || peekOr(-1) == 'E') {
      pos++;
      if (peekOr(-1) == '+' || peekOr(-1) == '-') {
        pos++;
      }
      if (!digits()) {
        throw error("expected digits in the exponent");
      }
    }
    return new String(in, start, pos - start, StandardCharsets.US_ASCII);
  }

  private boolean digits() {
    int start = pos;
    while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    return pos > start;
  }

  private String string() throws IOException {
    expect('"', "a string");
    int start = pos;
    // Fast path: no escapes, the bytes are the UTF-8 text.
    while (pos < in.length && in[pos] != '"' && in[pos] != '\\') {
      if ((in[pos] & 0xff) < 0x20) {
        throw error("control character in a string");
      }
      pos++;
    }
    if (pos >= in.length) {
      throw error("unterminated string");
    }
    if (in[pos] == '"') {
      return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder(new String(in, start, pos - start, StandardCharsets.UTF_8));
    while (true) {
      if (pos >= in.length) {
        throw error("unterminated string");
      }
      int c = in[pos] & 0xff;
      if (c == '"') {
        pos++;
        return text.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        int run = pos;
        while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xff) >= 0x20) {
          pos++;
        }
        text.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
        continue;
      }
      pos++;
      int e = pos < in.length ? in[pos++] : -1;
      switch (e) {
        case '"' -> text.append('"');
        case '\\' -> text.append('\\');
        case '/' -> text.append('/');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> text.append(hex4());
        default -> {
          pos--;
          throw error("invalid escape in a string");
        }
      }
    }
  }

  private char hex4() throws IOException {
    if (pos + 4 > in.length) {
      throw error("incomplete \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(in[pos + i], 16);
      if (digit < 0) {
        throw error("invalid \\u escape");
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return (char) value;
  }

  private void literal(String word) throws IOException {
    for (int i = 0; i < word.length(); i++) {
      if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
        throw error("expected a value");
      }
    }
    pos += word.length();
  }

  private void expect(char c, String what) throws IOException {
    if (peek() != c) {
      throw error("expected " + what);
    }
    pos++;
  }

  private int peek() throws IOException {
    if (pos >= in.length) {
      throw error("unexpected end of the document");
    }
    return in[pos];
  }

  private int peekOr(int end) {
    return pos < in.length ? in[pos] : end;
  }

  private void space() {
    while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  private IOException error(String message) {
    return new IOException(message + " at byte " + pos);
  }
}
