package dev.sio4j.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRoomsTest {
  private final ChatRooms rooms = new ChatRooms(3, 4, List.of("general", "random"));

  private static ChatMessage message(String id, String room) {
    return new ChatMessage(id, room, "ada", "hi " + id, 1);
  }

  @Test
  void historyIsBoundedAndReturnedOnJoin() {
    rooms.join("general", "s1", "ada");
    for (int i = 0; i < 5; i++) {
      assertFalse(rooms.post(message("m" + i, "general"), true).duplicate());
    }
    ChatRooms.Joined joined = rooms.join("general", "s2", "bob");
    assertEquals(List.of("m2", "m3", "m4"), joined.history().stream().map(ChatMessage::id).toList());
    assertEquals(List.of("ada", "bob"), joined.members().names());
  }

  @Test
  void aRepeatedIdIsADuplicateEvenPastTheHistory() {
    rooms.join("general", "s1", "ada");
    ChatMessage first = message("x", "general");
    rooms.post(first, true);
    for (int i = 0; i < 10; i++) {
      rooms.post(message("m" + i, "general"), true);
    }
    ChatRooms.Posted again = rooms.post(new ChatMessage("x", "general", "ada", "other", 2), true);
    assertTrue(again.duplicate());
    assertEquals(first, again.message());
  }

  @Test
  void customRoomsDisappearWithTheirLastMemberAndAreBounded() {
    rooms.join("lounge", "s1", "ada");
    rooms.join("music", "s1", "ada");
    assertNull(rooms.join("one-too-many", "s1", "ada"), "maxRooms is 4");
    Map<String, ChatRooms.Members> left = rooms.leaveAll("s1");
    assertEquals(java.util.Set.of("lounge", "music"), left.keySet());
    assertEquals(List.of(), left.get("lounge").names());
    assertEquals(List.of(), left.get("music").names());
    assertEquals(List.of("general", "random"), rooms.directory().stream().map(ChatRooms.Summary::name).toList());
    assertNull(rooms.post(message("y", "lounge"), true));
  }

  @Test
  void everyChangeOfMembersIsNumberedAfterTheOnesBeforeIt() {
    long first = rooms.join("general", "s1", "ada").members().version();
    long second = rooms.join("random", "s2", "bob").members().version();
    long third = rooms.leave("general", "s1").version();
    long fourth = rooms.leaveAll("s2").get("random").version();
    assertTrue(first < second && second < third && third < fourth, List.of(first, second, third, fourth).toString());
  }

  @Test
  void membershipAndNames() {
    rooms.join("general", "s1", "ada");
    rooms.join("general", "s2", "ada");
    assertEquals(List.of("ada"), rooms.join("general", "s3", "ada").members().names());
    assertTrue(rooms.isMember("general", "s2"));
    assertEquals(List.of("ada"), rooms.leave("general", "s2").names());
    assertNull(rooms.leave("general", "s2"));
    assertFalse(rooms.isMember("general", "s2"));
    assertEquals("kotlin", ChatRooms.normalize("  Kotlin "));
    assertNull(ChatRooms.normalize("a b"));
    assertNull(ChatRooms.normalize(""));
  }
}
