package dev.contentmix.analyzer.classify;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.List;

/** A small hand-written labelled set for tests that train in memory. */
final class TinyCorpus {

    private static final String[] SALES = {
        "48 hours only: 30% off every jacket with code WARM30. Shop now",
        "Our spring menu is here. Reserve your table",
        "New drop. Tap to shop.",
        "Start your free 14-day trial today",
        "Book a demo and see your pipeline in 10 minutes",
        "Flash sale! Everything $19, link in bio",
        "Pre-order the new hoodie now, ships in May",
        "Use code SPRING15 for 15% off your first order",
        "Grab yours before they sell out: shop.com/new",
        "Only €25 this weekend. Order now",
        "Limited time: buy one get one free, shop today",
        "Donate today and double your impact",
    };

    private static final String[] VALUE = {
        "Three ways to keep your espresso machine descaled",
        "So sorry your order arrived damaged, Dana. We've sent a replacement",
        "Heads up: we never DM discount codes. Those accounts are scams",
        "We're hiring a night-shift pastry chef. Details on our careers page",
        "What's your favourite way to brew coffee at home?",
        "Behind the scenes: our team testing the new oven",
        "Happy holidays from all of us to all of you",
        "How to fold a hoodie so it fits in your drawer",
        "Thank you to everyone who came to the meetup last night",
        "Service update: the app is back up, thanks for your patience",
        "Tip: water your plants in the morning, not at night",
        "Congrats to @maria on finishing her first marathon",
    };

    private TinyCorpus() {
    }

    static List<LabeledPost> posts() {
        List<LabeledPost> posts = new ArrayList<>();
        for (int i = 0; i < SALES.length; i++) {
            posts.add(new LabeledPost("s-" + i, SALES[i], Label.SALES, i % 2 == 0 ? "easy" : "hard", "en", null, null));
        }
        for (int i = 0; i < VALUE.length; i++) {
            posts.add(new LabeledPost("v-" + i, VALUE[i], Label.VALUE, i % 2 == 0 ? "easy" : "hard", "en", null, null));
        }
        return posts;
    }

    static final Algorithm QUICK = new Algorithm("QN", 50, 1, 0.1);
}
