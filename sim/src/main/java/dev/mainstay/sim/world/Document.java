package dev.mainstay.sim.world;

/** A page in the fake search engine's corpus; {@code keywords} are extra words it should be found by. */
record Document(String title, String url, String content, String keywords) {}
