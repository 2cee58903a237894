"use client";

// Keeps the inbox current from the server's live stream (GET …/events, Server-Sent Events): every message or
// conversation event refreshes what the inbox shows. EventSource reconnects by itself and sends Last-Event-ID, so a
// dropped connection misses nothing; while it is down the caller falls back to a slow poll (see `isLive`).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "@/lib/ui/query-keys";

export function useInboxEvents(integrationId: string): { isLive: boolean } {
  const queryClient = useQueryClient();
  const [isLive, setIsLive] = useState(false);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/organization-integration/${integrationId}/events`);
    // Several events often arrive together (a webhook batch): refresh once per animation frame, not once per event.
    let scheduled = false;
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        void queryClient.invalidateQueries({ queryKey: queryKeys.messages(integrationId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations(integrationId) });
      });
    };
    source.onopen = () => setIsLive(true);
    source.onerror = () => setIsLive(false);
    source.addEventListener("message", refresh);
    source.addEventListener("conversation", refresh);
    // The server could not bridge the gap since the last event (older than its kept log): reload everything.
    source.addEventListener("reset", refresh);
    return () => source.close();
  }, [integrationId, queryClient]);
  return { isLive };
}
