"use client";

// Whether a CSS media query matches now, following changes (rotation, resizing). The server answers `serverValue`.
import { useSyncExternalStore } from "react";

export function useMediaQuery(query: string, serverValue = true): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}
