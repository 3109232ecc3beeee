package org.pipelineledger.query.web;

import org.pipelineledger.query.LiveUpdates;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Which deals the read models just changed, as server-sent events for open pages ({@link LiveUpdates}). */
@RestController
class LiveController {

    private final LiveUpdates live;

    LiveController(LiveUpdates live) {
        this.live = live;
    }

    @GetMapping(path = "/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return live.subscribe(position(lastEventId));
    }

    /** The id of the last message a reconnecting browser saw; anything else starts afresh. */
    private static Long position(String lastEventId) {
        try {
            return lastEventId == null ? null : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }
}
