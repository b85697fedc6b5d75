package dev.relocator.oci.layout;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of the tar format an OCI archive needs: regular files and directories, ustar headers,
 * with PAX records (and GNU long names, on reading) for names over 100 bytes and sizes over 8 GiB.
 * Written by hand because the format is this small; headers carry no owner and a zero mtime, so
 * the same layout always packs to the same bytes.
 */
final class Tar {
  static final int BLOCK = 512;
  private static final long MAX_OCTAL_SIZE = 077777777777L;

  private Tar() {}

  /** A regular file's data in the archive. */
  record Entry(long offset, long size) {}

  /** Writes entries to a stream; {@link #finish} writes the end-of-archive marker. */
  static final class Writer {
    private final OutputStream out;

    Writer(OutputStream out) {
      this.out = out;
    }

    void directory(String name) throws IOException {
      header(name.endsWith("/") ? name : name + "/", 0, '5', 0755);
    }

    /** Writes a file of exactly {@code size} bytes from {@code in}; fewer or more is an error. */
    void file(String name, long size, InputStream in) throws IOException {
      header(name, size, '0', 0644);
      byte[] buffer = new byte[64 * 1024];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("tar entry " + name + ": ended after " + (size - left) + " of " + size + " bytes");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      if (in.read() >= 0) {
        throw new IOException("tar entry " + name + ": longer than the " + size + " bytes announced");
      }
      pad(size);
    }

    void finish() throws IOException {
      out.write(new byte[2 * BLOCK]);
      out.flush();
    }

    private void header(String name, long size, char type, int mode) throws IOException {
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      boolean longName = nameBytes.length > 100;
      boolean bigSize = size > MAX_OCTAL_SIZE;
      if (longName || bigSize) {
        StringBuilder pax = new StringBuilder();
        if (longName) {
          pax.append(paxRecord("path", name));
        }
        if (bigSize) {
          pax.append(paxRecord("size", Long.toString(size)));
        }
        byte[] records = pax.toString().getBytes(StandardCharsets.UTF_8);
        out.write(block("PaxHeaders/" + Integer.toHexString(name.hashCode()), records.length, 'x', 0644));
        out.write(records);
        pad(records.length);
      }
      out.write(block(name, size, type, mode));
    }

    private void pad(long size) throws IOException {
      int rest = (int) (size % BLOCK);
      if (rest != 0) {
        out.write(new byte[BLOCK - rest]);
      }
    }

    /** {@code "<len> key=value\n"}, where {@code len} counts itself. */
    private static String paxRecord(String key, String value) {
      int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
      int length = body + Integer.toString(body).length();
      if (Integer.toString(length).length() != Integer.toString(body).length()) {
        length++;
      }
      return length + " " + key + "=" + value + "\n";
    }

    private static byte[] block(String name, long size, char type, int mode) {
      byte[] header = new byte[BLOCK];
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
      octal(header, 100, 8, mode);
      octal(header, 108, 8, 0);
      octal(header, 116, 8, 0);
      if (size > MAX_OCTAL_SIZE) {
        header[124] = (byte) 0x80; // base-256, for readers that ignore the PAX size
        for (int i = 0; i < 8; i++) {
          header[135 - i] = (byte) (size >>> (8 * i));
        }
      } else {
        octal(header, 124, 12, size);
      }
      octal(header, 136, 12, 0);
      header[156] = (byte) type;
      System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
      header[263] = '0';
      header[264] = '0';
      java.util.Arrays.fill(header, 148, 156, (byte) ' ');
      long sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      String checksum = String.format("%06o", sum);
      System.arraycopy(checksum.getBytes(StandardCharsets.US_ASCII), 0, header, 148, 6);
      header[154] = 0;
      return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
      String digits = String.format("%0" + (length - 1) + "o", value);
      System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
    }
  }

  /**
   * The regular files of the tar at {@code file}, by name ({@code ./} dropped), with where their
   * data starts. Only headers are read. A file cut short, or a header that fails its checksum,
   * is an {@link IOException} saying where.
   */
  static Map<String, Entry> index(Path file) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      long position = 0;
      String nextName = null;
      long nextSize = -1;
      while (true) {
        if (position + BLOCK > length) {
          throw new EOFException("truncated at byte " + length + ": no end-of-archive marker"
              + (position < length ? " (a header is cut short)" : ""));
        }
        byte[] header = new byte[BLOCK];
        readFully(channel, ByteBuffer.wrap(header), position);
        if (isZero(header)) {
          return entries;
        }
        verifyChecksum(header, position);
        char type = (char) header[156];
        boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K';
        long size = nextSize >= 0 && !meta ? nextSize : size(header, position);
        long data = position + BLOCK;
        if (data + size > length) {
          throw new EOFException("truncated at byte " + length + ": entry " + name(header)
              + " needs " + size + " bytes from byte " + data);
        }
        position = data + (size + BLOCK - 1) / BLOCK * BLOCK;
        switch (type) {
          case 'x' -> {
            Map<String, String> pax = pax(read(channel, data, size));
            nextName = pax.getOrDefault("path", nextName);
            nextSize = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : nextSize;
          }
          case 'L' -> nextName = new String(read(channel, data, size), StandardCharsets.UTF_8).replaceAll("\0+$", "");
          case 'g', 'K' -> { } // global PAX records and long link names: nothing an OCI layout uses
          default -> {
            String name = nextName != null ? nextName : name(header);
            if (type == '0' || type == '\0' || type == '7') {
              entries.put(normalize(name), new Entry(data, size));
            }
            nextName = null;
            nextSize = -1;
          }
        }
      }
    }
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    return n;
  }

  private static String name(byte[] header) {
    String name = string(header, 0, 100);
    String magic = string(header, 257, 6);
    String prefix = magic.startsWith("ustar") ? string(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long size(byte[] header, long position) throws IOException {
    if ((header[124] & 0x80) != 0) {
      long size = 0;
      for (int i = 125; i < 136; i++) {
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    return octal(header, 124, 12, position);
  }

  private static long octal(byte[] header, int offset, int length, long position) throws IOException {
    String text = string(header, offset, length).trim();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("bad tar header at byte " + position + ": \"" + text + "\" is not an octal number");
    }
  }

  private static void verifyChecksum(byte[] header, long position) throws IOException {
    long expected;
    try {
      expected = octal(header, 148, 8, position);
    } catch (IOException notANumber) {
      expected = -1;
    }
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    if (sum != expected) {
      throw new IOException("bad tar header at byte " + position + ": checksum mismatch (not a tar file?)");
    }
  }

  private static Map<String, String> pax(byte[] records) {
    Map<String, String> values = new LinkedHashMap<>();
    String text = new String(records, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      int equals = line.indexOf('=');
      if (space > 0 && equals > space) {
        values.put(line.substring(space + 1, equals), line.substring(equals + 1));
      }
    }
    return values;
  }

  private static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] read(FileChannel channel, long offset, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("tar extended header at byte " + offset + " is " + size + " bytes: too large");
    }
    byte[] bytes = new byte[(int) size];
    readFully(channel, ByteBuffer.wrap(bytes), offset);
    return bytes;
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("truncated at byte " + at);
      }
      at += n;
    }
  }
}
