package dev.haremote.reachability.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.reachability.diagnosis.TlsObservation;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeAssistantLoginTest {
  private static final String OK = "{\"type\":\"auth_ok\",\"ha_version\":\"2025.4.4\"}";
  private static final String INVALID =
      "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}";

  @TempDir Path dir;

  @Test
  void theAuthMessageCarriesTheTokenFromTheFile() throws Exception {
    HomeAssistantLogin login = login("abc.def.ghi");
    HomeAssistantLogin.Attempt attempt = login.begin();
    assertThat(attempt.send()).isTrue();
    assertThat(attempt.message()).isEqualTo("{\"type\":\"auth\",\"access_token\":\"abc.def.ghi\"}");
    assertThat(attempt.toString()).as("the digest, not the token").doesNotContain("abc.def.ghi");
    assertThat(login.finish(attempt, OK)).isEqualTo(HomeAssistantLogin.OK);
  }

  @Test
  void aRefusedTokenIsNotSentAgainUntilTheFileChanges() throws Exception {
    HomeAssistantLogin login = login("wrong");
    assertThat(login.finish(login.begin(), INVALID)).isEqualTo(HomeAssistantLogin.REFUSED);
    HomeAssistantLogin.Attempt again = login.begin();
    assertThat(again.send()).isFalse();
    assertThat(again.withheldBecause()).contains("refused");
    assertThat(login.finish(again, null))
        .as("still the token's state, though not sent")
        .isEqualTo(HomeAssistantLogin.REFUSED);

    Files.writeString(dir.resolve("token"), "rotated\n");
    HomeAssistantLogin.Attempt rotated = login.begin();
    assertThat(rotated.send()).isTrue();
    assertThat(login.finish(rotated, OK)).isEqualTo(HomeAssistantLogin.OK);
  }

  @Test
  void anUnprovenTokenIsTriedByOneProbeAtATimeAProvenOneByAll() throws Exception {
    HomeAssistantLogin login = login("new");
    HomeAssistantLogin.Attempt first = login.begin();
    HomeAssistantLogin.Attempt second = login.begin();
    assertThat(first.send()).isTrue();
    assertThat(second.send()).as("while the first try is open").isFalse();
    login.finish(second, null);
    assertThat(login.finish(first, OK)).isEqualTo(HomeAssistantLogin.OK);
    assertThat(login.begin().send()).isTrue();
    assertThat(login.begin().send()).as("proven: in parallel").isTrue();
  }

  @Test
  void noAnswerTeachesNothingAndFreesTheTry() throws Exception {
    HomeAssistantLogin login = login("new");
    assertThat(login.finish(login.begin(), null)).isEqualTo(HomeAssistantLogin.WITHHELD);
    assertThat(login.begin().send()).isTrue();
  }

  @Test
  void anUnreadableFileWithholds() {
    HomeAssistantLogin login = new HomeAssistantLogin("home", dir.resolve("missing"));
    HomeAssistantLogin.Attempt attempt = login.begin();
    assertThat(attempt.send()).isFalse();
    assertThat(attempt.withheldBecause()).contains("does not exist");
  }

  @Test
  void theTokenGoesOnlyToVerifiedTlsOrAPrivateAddress() throws Exception {
    HomeAssistantIdentity.Judgement ha =
        HomeAssistantIdentity.judge(
            HomeAssistantIdentityTest.answer(200, "{\"name\":\"Home Assistant\"}"));
    HomeAssistantIdentity.Judgement other =
        HomeAssistantIdentity.judge(HomeAssistantIdentityTest.answer(200, "<title>x</title>"));
    URI https = URI.create("https://home.example.org/");
    URI http = URI.create("http://home.example.org:8123/");
    InetAddress publicAddress = InetAddress.getByName("203.0.113.10");
    InetAddress lan = InetAddress.getByName("192.168.1.10");
    InetAddress ula = InetAddress.getByName("fd00::10");

    assertThat(ChainProber.mayCarryToken(ha, TlsObservation.ok(), https, publicAddress, false))
        .isTrue();
    assertThat(
            ChainProber.mayCarryToken(ha, TlsObservation.failed("x"), https, publicAddress, false))
        .isFalse();
    assertThat(ChainProber.mayCarryToken(other, TlsObservation.ok(), https, publicAddress, false))
        .isFalse();
    assertThat(ChainProber.mayCarryToken(ha, null, http, lan, false)).isTrue();
    assertThat(ChainProber.mayCarryToken(ha, null, http, ula, false)).isTrue();
    assertThat(ChainProber.mayCarryToken(ha, null, http, publicAddress, false))
        .as("plain HTTP over the internet")
        .isFalse();
    assertThat(ChainProber.mayCarryToken(ha, null, http, publicAddress, true))
        .as("the internal URL the user configured, as the app uses it")
        .isTrue();
  }

  private HomeAssistantLogin login(String token) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), token + "\n");
    return new HomeAssistantLogin("home", file);
  }
}
