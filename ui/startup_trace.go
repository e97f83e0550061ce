package ui

import (
	"fmt"
	"image"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// startupTraceEnv names the environment variable that makes the window
// report its start-up steps on standard error, one line each as it
// reaches them: "parallax startup: window started" (the app's loop
// runs; nothing is drawn yet), "… window painted" (the first frame),
// "… stories listed" (the newest page handed to the list), "… story
// shown" (the first story handed to the views), "… story painted" (the
// first frame drawn after it), "… story list complete" (the whole
// library; before the story when the page held every story).
// bench/scale times the lines and reads the process's CPU time and
// memory as each arrives.
const startupTraceEnv = "PARALLAX_STARTUP_TRACE"

// startupTrace prints each start-up step once, when tracing is on.
type startupTrace struct {
	on bool
	// probe is a one-pixel raster in the window whose image is made while
	// a frame is drawn: the steps in painted are reported then. Nil when
	// tracing is off.
	probe   *canvas.Raster
	painted []string // guarded by mu
	// observe, when set, hears each step as it is reached, traced or not
	// (for tests).
	observe func(step string)
	mu      sync.Mutex
	seen    map[string]bool
}

func newStartupTrace() *startupTrace {
	t := &startupTrace{on: os.Getenv(startupTraceEnv) != "", seen: map[string]bool{}}
	if t.on {
		t.painted = []string{"window painted"}
		t.probe = canvas.NewRaster(t.onPaint)
		t.probe.SetMinSize(fyne.NewSize(1, 1))
	}
	return t
}

// withProbe is o with the probe beside it when tracing is on, else o.
func (t *startupTrace) withProbe(o fyne.CanvasObject) fyne.CanvasObject {
	if t.probe == nil {
		return o
	}
	return container.NewBorder(nil, nil, nil, t.probe, o)
}

// markPainted reports step once the next frame has been drawn.
func (t *startupTrace) markPainted(step string) {
	if t == nil || t.probe == nil {
		return
	}
	t.mu.Lock()
	t.painted = append(t.painted, step)
	t.mu.Unlock()
	t.probe.Refresh() // its image is made again in the next frame
}

// onPaint makes the probe's image, while a frame is drawn.
func (t *startupTrace) onPaint(w, h int) image.Image {
	t.mu.Lock()
	steps := t.painted
	t.painted = nil
	t.mu.Unlock()
	for _, step := range steps {
		t.mark(step)
	}
	return image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1))) // transparent
}

// mark reports step the first time it is reached.
func (t *startupTrace) mark(step string) {
	if t == nil || (!t.on && t.observe == nil) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen[step] {
		return
	}
	t.seen[step] = true
	if t.observe != nil {
		t.observe(step)
	}
	if t.on {
		fmt.Fprintf(os.Stderr, "parallax startup: %s\n", step)
	}
}
