package dev.relocator.oci.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the tags of a {@code GET /v2/<name>/tags/list} answer, {@code {"name":..., "tags":[...]}}. */
public final class TagListJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TagListJson() {}

  /** The tags listed, in order; a null or missing {@code tags} is none. */
  public static List<String> read(byte[] json) throws IOException {
    List<String> tags = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a tag list must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (key.equals("tags") && value == JsonToken.START_ARRAY) {
          for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.VALUE_STRING) {
              throw new IOException("tags must be strings, not " + parser.getText());
            }
            tags.add(parser.getText());
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return tags;
  }
}
