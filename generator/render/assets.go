package render

import (
	"fmt"

	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"github.com/commonagenda/agenda/generator/diag"
)

// staticDir is the theme folder whose files are published as assets.
const staticDir = "static"

// loadAssets publishes every file under the theme's static/ folder with
// its content hash in the name (static/css/site.css becomes
// assets/css/site.3f9a1c2b.css), so browsers may cache them forever and
// still see every change. It returns the URL of each file by its path
// under static/, for the asset template function.
func (r *renderer) loadAssets(theme fs.FS, files map[string][]byte) map[string]string {
	urls := map[string]string{}
	err := fs.WalkDir(theme, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == staticDir {
				return fs.SkipDir // a theme without static files
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, staticDir+"/")
		if data, err = minified(name, data); err != nil {
			r.diags.Errorf(diag.Pos{Path: r.themePath(p)}, "%v", err)
			return nil
		}
		out := "assets/" + fingerprint(name, data)
		files[out] = data
		urls[name] = "/" + out
		return nil
	})
	if err != nil {
		r.diags.Errorf(diag.Pos{Path: r.themePath(staticDir)}, "reading theme assets: %v", err)
	}
	return urls
}

// minifier shrinks the theme's stylesheets and scripts as they are
// published; the theme's sources stay readable. github.com/tdewolff/minify
// is the minifier Hugo uses too.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	return m
}()

// minified returns a CSS or JavaScript file minified, other files as they
// are. A file the minifier cannot parse is an error at that file.
func minified(name string, data []byte) ([]byte, error) {
	var mediatype string
	switch path.Ext(name) {
	case ".css":
		mediatype = "text/css"
	case ".js":
		mediatype = "text/javascript"
	default:
		return data, nil
	}
	out, err := minifier.Bytes(mediatype, data)
	if err != nil {
		return nil, fmt.Errorf("cannot minify: %v", err)
	}
	return out, nil
}

// fingerprint inserts the first 8 hex digits of the content's SHA-256
// before the extension: css/site.css becomes css/site.3f9a1c2b.css.
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:4])
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}
