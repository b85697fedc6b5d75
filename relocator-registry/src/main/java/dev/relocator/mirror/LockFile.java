package dev.relocator.mirror;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.relocator.IoErrors;
import dev.relocator.JsonErrors;
import dev.relocator.image.Digest;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.oci.Platform;
import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a mirror run produced, pinned: for each image its source reference and digest, the target
 * reference with the digest stored there, and the platforms copied. Written as YAML.
 */
public record LockFile(List<Entry> images) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);

  /**
   * One image: {@code target} carries {@code @digest} of what is stored; {@code artifacts} the
   * signatures, attestations, SBOMs and referrers carried with it.
   */
  public record Entry(String source, Digest sourceDigest, String target, List<Platform> platforms,
      List<Attachment> artifacts) {
    public Entry {
      platforms = List.copyOf(platforms);
      artifacts = List.copyOf(artifacts);
    }

    /** An image without attached artifacts. */
    public Entry(String source, Digest sourceDigest, String target, List<Platform> platforms) {
      this(source, sourceDigest, target, platforms, List.of());
    }
  }

  /** Wire form: strings only, so the YAML stays plain. */
  record EntryTemplate(String source, String sourceDigest, String target, List<String> platforms,
      List<ArtifactTemplate> artifacts) {}

  /** A carried artifact: its cosign {@code tag} or its {@code artifactType}, its digest and what it is attached to. */
  record ArtifactTemplate(String tag, String artifactType, String digest, String subject) {}

  record Template(List<EntryTemplate> images) {}

  public LockFile {
    images = List.copyOf(images);
  }

  /** The lock of every image {@code result} copied (failures have no entry). */
  public static LockFile of(MirrorResult result) {
    List<Entry> entries = new ArrayList<>();
    for (ImageResult image : result.images()) {
      entries.add(new Entry(image.task().source().toString(), image.sourceDigest(),
          image.task().target().pinnedTo(image.targetDigest()), image.platforms(),
          image.attachments()));
    }
    return new LockFile(entries);
  }

  public String toYaml() {
    List<EntryTemplate> templates = new ArrayList<>();
    for (Entry e : images) {
      templates.add(new EntryTemplate(e.source(), e.sourceDigest().toString(), e.target(),
          e.platforms().stream().map(Platform::toString).toList(), e.artifacts().stream().map(LockFile::template).toList()));
    }
    try {
      return YAML.writeValueAsString(new Template(templates));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise lock file", e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, toYaml());
    } catch (IOException e) {
      throw new RegistryException("write lock file " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Reads a lock file; an entry that is not what {@code --lock} writes is refused naming the file,
   * the entry's line, the entry (and artifact) and what it lacks.
   */
  public static LockFile read(Path file) {
    Template template;
    try {
      template = YAML.readValue(file.toFile(), Template.class);
    } catch (IOException e) {
      throw new RegistryException("read lock file " + file + ": " + (e instanceof NoSuchFileException
          || e instanceof java.io.FileNotFoundException ? IoErrors.reason(e) : JsonErrors.describe(e)), e);
    }
    List<Entry> entries = new ArrayList<>();
    List<EntryTemplate> images = template == null || template.images() == null ? List.of() : template.images();
    for (int i = 0; i < images.size(); i++) {
      EntryTemplate t = images.get(i);
      try {
        entries.add(entry(t));
      } catch (BadEntry e) {
        int line = LockFileLines.line(file, i, e.artifact);
        throw new RegistryException(file + (line > 0 ? ":" + line : "") + ": images[" + i + "]"
            + (t == null || t.source() == null ? "" : " (" + t.source() + ")")
            + (e.artifact < 0 ? "" : ": artifacts[" + e.artifact + "]") + ": " + e.getMessage(), e);
      }
    }
    return new LockFile(entries);
  }

  /** What is wrong with an entry, or with its {@code artifact}th artifact (-1: the entry itself). */
  private static final class BadEntry extends RuntimeException {
    private final int artifact;

    BadEntry(int artifact, String message, Throwable cause) {
      super(message, cause);
      this.artifact = artifact;
    }
  }

  private static Entry entry(EntryTemplate t) {
    if (t == null) {
      throw new BadEntry(-1, "empty: each image is locked with its source, sourceDigest and target", null);
    }
    String source = required(t.source(), "source", "the image it was copied from", -1);
    Digest sourceDigest = digest(required(t.sourceDigest(), "sourceDigest", "the digest it was copied with", -1),
        "sourceDigest", -1);
    String target = required(t.target(), "target", "where it was copied, with @DIGEST", -1);
    List<Platform> platforms = new ArrayList<>();
    List<String> named = t.platforms() == null ? List.of() : t.platforms();
    for (int k = 0; k < named.size(); k++) {
      try {
        platforms.add(Platform.parse(String.valueOf(named.get(k))));
      } catch (IllegalArgumentException e) {
        throw new BadEntry(-1, "platforms[" + k + "]: " + e.getMessage(), e);
      }
    }
    List<Attachment> artifacts = new ArrayList<>();
    List<ArtifactTemplate> carried = t.artifacts() == null ? List.of() : t.artifacts();
    for (int j = 0; j < carried.size(); j++) {
      artifacts.add(attachment(carried.get(j), j));
    }
    return new Entry(source, sourceDigest, target, platforms, artifacts);
  }

  private static String required(String value, String key, String what, int artifact) {
    if (value == null || value.isBlank()) {
      throw new BadEntry(artifact, "no " + key + ": each " + (artifact < 0 ? "image" : "carried artifact")
          + " is locked with " + what + ", as mirror --lock writes it", null);
    }
    return value;
  }

  private static Digest digest(String text, String key, int artifact) {
    try {
      return Digest.parse(text);
    } catch (InvalidReferenceException e) {
      throw new BadEntry(artifact, key + ": " + e.getMessage(), e);
    }
  }

  private static ArtifactTemplate template(Attachment a) {
    boolean tag = a.kind() == Attachment.Kind.TAG;
    return new ArtifactTemplate(tag ? a.name() : null, tag || a.name().isEmpty() ? null : a.name(), a.digest().toString(),
        a.subject() == null ? null : a.subject().toString());
  }

  private static Attachment attachment(ArtifactTemplate t, int j) {
    if (t == null) {
      throw new BadEntry(j, "empty: each carried artifact is locked with its tag or artifactType and its digest", null);
    }
    Digest digest = digest(required(t.digest(), "digest", "the digest it was copied with", j), "digest", j);
    Digest subject = t.subject() == null ? null : digest(t.subject(), "subject", j);
    return t.tag() != null
        ? new Attachment(Attachment.Kind.TAG, t.tag(), digest, subject)
        : new Attachment(Attachment.Kind.REFERRER, t.artifactType(), digest, subject);
  }
}
