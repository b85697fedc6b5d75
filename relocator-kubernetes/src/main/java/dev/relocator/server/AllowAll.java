package dev.relocator.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.relocator.admission.AdmissionHandler;
import dev.relocator.admission.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /allow}: allows every review unchanged after reading only its uid. The baseline the
 * webhook benchmark compares {@code /mutate} against, on the same server and TLS stack.
 */
final class AllowAll {

  private static final JsonFactory JSON = new JsonFactory();

  private AllowAll() {}

  static AdmissionHandler.Result handle(byte[] body) {
    String uid = null;
    try (JsonParser p = JSON.createParser(body)) {
      int depth = 0;
      boolean inRequest = false;
      JsonToken t;
      while ((t = p.nextToken()) != null && uid == null) {
        if (t == JsonToken.START_OBJECT) {
          depth++;
        } else if (t == JsonToken.END_OBJECT) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 1 && "request".equals(p.currentName())) {
          inRequest = true;
        } else if (t == JsonToken.FIELD_NAME && depth == 2 && inRequest && "uid".equals(p.currentName())) {
          p.nextToken();
          uid = p.getValueAsString();
        } else if ((t == JsonToken.START_ARRAY) && depth > 1) {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      uid = null;
    }
    if (uid == null || uid.isEmpty()) {
      return new AdmissionHandler.Result(400, "text/plain; charset=utf-8",
          "request.uid is missing\n".getBytes(StandardCharsets.UTF_8), Outcome.MALFORMED, 0, false);
    }
    String out = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":"
        + quote(uid) + ",\"allowed\":true}}";
    return new AdmissionHandler.Result(200, "application/json", out.getBytes(StandardCharsets.UTF_8),
        Outcome.UNCHANGED, 0, false);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(s), StandardCharsets.UTF_8) + "\"";
  }
}
