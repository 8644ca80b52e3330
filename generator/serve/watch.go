package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/load"
	"github.com/fsnotify/fsnotify"
)

// watcher turns file system events under some folders into batches of
// changed paths. Editors save in several steps (write a temporary file,
// rename it over the old one, touch it), so events are collected until
// none has come for the debounce time, and each batch names every path
// once. Folders created later are watched as they appear, and the files
// already in them count as changed.
type watcher struct {
	fs       *fsnotify.Watcher
	debounce time.Duration
	batches  chan []string
	errors   chan error
	done     chan struct{}
	stopped  chan struct{}

	mu    sync.Mutex
	roots []string
}

func newWatcher(debounce time.Duration) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{
		fs: fw, debounce: debounce,
		batches: make(chan []string), errors: make(chan error, 8),
		done: make(chan struct{}), stopped: make(chan struct{}),
	}
	go w.loop()
	return w, nil
}

// set makes dirs (and every folder under them) the watched folders. The
// watches are in place when it returns, so no later change is missed.
func (w *watcher) set(dirs []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if slices.Equal(dirs, w.roots) {
		return
	}
	for _, d := range w.roots {
		w.removeTree(d)
	}
	w.roots = slices.Clone(dirs)
	for _, d := range w.roots {
		w.addTree(d, nil)
	}
}

// close stops the watcher. fsnotify's Close waits for its reader, which
// may be sending an event, so the channels are drained meanwhile.
func (w *watcher) close() {
	close(w.done)
	<-w.stopped
	go func() {
		for range w.fs.Events {
		}
	}()
	go func() {
		for range w.fs.Errors {
		}
	}()
	w.fs.Close()
}

func (w *watcher) loop() {
	defer close(w.stopped)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			pending[ev.Name] = true
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.mu.Lock()
					w.addTree(ev.Name, pending)
					w.mu.Unlock()
				}
			}
			timer.Reset(w.debounce)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errors <- err:
			default:
			}
		case <-timer.C:
			batch := slices.Sorted(func(yield func(string) bool) {
				for p := range pending {
					if !yield(p) {
						return
					}
				}
			})
			clear(pending)
			select {
			case w.batches <- batch:
			case <-w.done:
				return
			}
		}
	}
}

// addTree watches dir and the folders under it; when found is not nil,
// the files in them are recorded as changed (a folder that appeared, with
// files written before it was watched).
func (w *watcher) addTree(dir string, found map[string]bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && ignored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fs.Add(p); err != nil {
				select {
				case w.errors <- err:
				default:
				}
			}
		} else if found != nil {
			found[p] = true
		}
		return nil
	})
}

// removeTree stops watching dir and the folders under it.
func (w *watcher) removeTree(dir string) {
	for _, p := range w.fs.WatchList() {
		if within(dir, p) {
			w.fs.Remove(p)
		}
	}
}

// ignored reports whether a path is an editor's or the system's scratch
// file, which the content never includes: names starting with "." (the
// loader skips them too, as do swap files like .x.md.swp), backups ending
// in "~", and Vim's write test file "4913".
func ignored(p string) bool {
	return load.Skipped(filepath.Base(p))
}
