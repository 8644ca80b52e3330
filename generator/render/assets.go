package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"

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

// fingerprint inserts the first 8 hex digits of the content's SHA-256
// before the extension: css/site.css becomes css/site.3f9a1c2b.css.
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:4])
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}
