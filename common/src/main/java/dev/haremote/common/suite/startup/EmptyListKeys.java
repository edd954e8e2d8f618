package dev.haremote.common.suite.startup;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * YAML's {@code peers: []} reaches SmallRye Config as the key {@code reachability.peers} with an
 * empty value, and an unknown-key check then rejects it, because a list of groups only knows {@code
 * peers[0].url}. The contract shows exactly that form, so empty values are hidden from the key
 * listing. Nothing is lost: SmallRye treats an empty value as "not set" anyway, and direct lookups
 * still see it.
 */
@Priority(Priorities.APPLICATION)
public class EmptyListKeys implements ConfigSourceInterceptor {

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    return context.proceed(name);
  }

  @Override
  public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
    List<String> names = new ArrayList<>();
    Iterator<String> all = context.iterateNames();
    while (all.hasNext()) {
      String name = all.next();
      ConfigValue value = context.proceed(name);
      if (value == null || value.getValue() == null || !value.getValue().isEmpty()) {
        names.add(name);
      }
    }
    return names.iterator();
  }
}
