package dev.haremote.hatests;

import dev.haremote.labkit.nginx.NginxProcess;
import java.io.IOException;

/**
 * nginx (labkit's {@link NginxProcess}) in front of Home Assistant the way users put it there:
 * {@code X-Forwarded-For} always, the WebSocket {@code Upgrade}/{@code Connection} headers only
 * when asked for (forgetting them is the classic "HTTP works, the app does not" mistake).
 */
final class ProxyInFront {
  private ProxyInFront() {}

  static NginxProcess start(int haPort, boolean websocketHeaders) throws IOException {
    String websocket =
        websocketHeaders
            ? """
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
              """
            : "";
    return NginxProcess.start(
        """
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          server {
            listen 127.0.0.1:{{port:proxy}};
            location / {
              proxy_pass http://127.0.0.1:%d;
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
        %s
            }
          }
        """
            .formatted(haPort, websocket));
  }
}
