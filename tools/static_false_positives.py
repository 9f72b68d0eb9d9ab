#!/usr/bin/env python3
"""Static false positives of a detector on a clip, from `footfall count --format json` output.

People move; signs, poles, tripods and tables do not. A detection counts as *static* when boxes overlapping it
(IoU >= --iou) are found in at least --persist of all analysed frames. Prints, per input: frames, mean persons
per frame, static detections per frame, and the static boxes found (so they can be checked on --annotate frames).

  footfall count vtest.avi --format json --model M | tools/static_false_positives.py
"""
import argparse
import json
import sys


def iou(a, b):
    ax2, ay2 = a["x"] + a["width"], a["y"] + a["height"]
    bx2, by2 = b["x"] + b["width"], b["y"] + b["height"]
    iw = max(0.0, min(ax2, bx2) - max(a["x"], b["x"]))
    ih = max(0.0, min(ay2, by2) - max(a["y"], b["y"]))
    inter = iw * ih
    union = a["width"] * a["height"] + b["width"] * b["height"] - inter
    return inter / union if union > 0 else 0.0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--iou", type=float, default=0.6)
    p.add_argument("--persist", type=float, default=0.3, help="share of frames a static box must appear in")
    p.add_argument("--json", action="store_true", help="print one JSON object per input")
    args = p.parse_args()
    doc = json.load(sys.stdin)
    by_input = {}
    for f in doc["frames"]:
        by_input.setdefault(f["input"], []).append(f)
    for name, frames in by_input.items():
        n = len(frames)
        # Candidate static boxes: every box, clustered greedily by IoU.
        clusters = []  # [representative box, set of frame indices]
        for i, f in enumerate(frames):
            for b in f["boxes"]:
                for c in clusters:
                    if iou(c[0], b) >= args.iou:
                        c[1].add(i)
                        break
                else:
                    clusters.append([b, {i}])
        static = [c for c in clusters if len(c[1]) >= args.persist * n]
        static_dets = sum(len(c[1]) for c in static)
        persons = sum(f["count"] for f in frames)
        result = {
            "input": name,
            "frames": n,
            "persons_per_frame": persons / n if n else 0.0,
            "static_per_frame": static_dets / n if n else 0.0,
            "static_boxes": [{k: round(c[0][k]) for k in ("x", "y", "width", "height")} | {"frames": len(c[1])}
                             for c in static],
        }
        if args.json:
            print(json.dumps(result))
        else:
            print(f"{name}: {n} frames, {result['persons_per_frame']:.2f} persons/frame, "
                  f"{result['static_per_frame']:.3f} static detections/frame")
            for s in result["static_boxes"]:
                print(f"  static box x={s['x']} y={s['y']} w={s['width']} h={s['height']} in {s['frames']} frames")


if __name__ == "__main__":
    main()
