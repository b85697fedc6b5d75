package dev.relocator.registry.http;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;

/**
 * Stops an idle {@link HttpClient}'s selector thread. A JDK 17 JVM, when it exits, waits up to
 * 300 ms for every thread in native code to leave it, and an idle client's selector thread always
 * is (in {@code epoll_wait}) until the client is garbage-collected: that wait was a third of an
 * up-to-date {@code relocator mirror} run. JDK 21 has {@code HttpClient.shutdownNow()}; on older
 * JDKs the client's internal selector is shut down when {@code java.net.http/jdk.internal.net.http}
 * is opened to this code (the integration tests open it), and otherwise nothing happens but the
 * wait. Only {@code PATCH} chunks build that client any more ({@link UrlConnections}), so the
 * executable jar, which never sends one, no longer opens the package.
 */
final class HttpClientShutdown {
  private HttpClientShutdown() {}

  /** Best effort; never throws. The client must not be used afterwards. */
  static void shutdown(HttpClient client) {
    try {
      Method now = HttpClient.class.getMethod("shutdownNow");
      now.invoke(client);
      return;
    } catch (NoSuchMethodException beforeJdk21) {
      // Below.
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return;
    }
    try {
      Object impl = field(client, "impl");
      Object selector = field(impl, "selmgr");
      Method shutdown = selector.getClass().getDeclaredMethod("shutdown");
      shutdown.setAccessible(true);
      shutdown.invoke(selector);
    } catch (ReflectiveOperationException | RuntimeException notOpenedOrOtherJdk) {
      // Costs only the exit wait.
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
