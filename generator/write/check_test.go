package write

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckOutput runs each case from inside a fresh project folder:
//
//	home/                 $HOME
//	home/code/project/    the current folder
//	  content/            the source
//	  content-link        a symbolic link to content
//	  public/content/     a previous build (with a folder named content)
//	  notes.txt           a file
func TestCheckOutput(t *testing.T) {
	tests := []struct {
		out, source string
		want        string // "" for allowed, else part of the error
	}{
		{"public", "content", ""},
		{"build/site", "content", ""},
		{"../elsewhere", "content", ""},
		{"/", "content", `refusing to write to "/": it is the root of the file system`},
		{"content", "content", `refusing to write to "content": it is the source folder`},
		{"./content/", "content", "it is the source folder"},
		{"content-link", "content", "it is the source folder"},
		{"content/sub/..", "content", "it is the source folder"},
		{"content/public", "content", `it is inside the source folder "content"`},
		{"content/new/public", "content", "inside the source folder"},
		{"public", "public/content", `it contains the source folder "public/content"`},
		{".", "content", "it is the current folder"},
		{"..", "/nowhere/content", "it contains the current folder"},
		{"../..", "/nowhere/content", "it is your home folder"},
		{"../../..", "/nowhere/content", "it contains your home folder"},
		{"~home", "content", "it is your home folder"},
		{"~cwd", "/nowhere/content", "it is the current folder"},
		{"notes.txt", "content", "it is a file, not a folder"},
		{"mine", "content", `refusing to write to "mine": it is not empty and holds no earlier build`},
		{"empty", "content", ""},
		{"half", "content", "holds no earlier build"},
		{"", "content", "no output folder"},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			home := t.TempDir()
			project := filepath.Join(home, "code", "project")
			for _, d := range []string{"content", "public/content", "public"} {
				if err := os.MkdirAll(filepath.Join(project, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range []string{"notes.txt", "public/404.html", "public/search/manifest.json", "mine/thesis.docx", "half/404.html"} {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(project, f)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(project, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Join(project, "empty"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("content", filepath.Join(project, "content-link")); err != nil && tt.out == "content-link" {
				t.Skip("no symbolic links:", err)
			}
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			t.Chdir(project)

			out := tt.out
			switch out {
			case "~home":
				out = home
			case "~cwd":
				out = project
			}
			err := CheckOutput(out, tt.source)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckOutput(%q, %q) = %v, want allowed", out, tt.source, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckOutput(%q, %q) = %v, want error containing %q", out, tt.source, err, tt.want)
			}
		})
	}
}
