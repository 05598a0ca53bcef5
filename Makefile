# 讲稿台 Lectern. `make run` opens the app; `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu: apt, npm, cargo), quietly
# when everything is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:

CARGO      ?= cargo
CARGO_HOME ?= $(HOME)/.cargo
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP        := target/release/lectern-app
TAURI_DRIVER := $(CARGO_HOME)/bin/tauri-driver

# What building and running the app needs (Tauri 2 on WebKitGTK 4.1) and the
# faces the editor and the handouts use.
APT_RUN  := build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev \
            libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev \
            fonts-noto-cjk fonts-arphic-ukai
# What the tests add: a virtual display, the WebKit WebDriver, a D-Bus session
# poppler's tools for reading the PDFs the tests produce, and LibreOffice to
# make document fixtures and to render the .docx files Lectern writes.
APT_TEST := xvfb xauth webkit2gtk-driver dbus dbus-x11 poppler-utils libreoffice-writer-nogui

UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/vite.config.ts ui/tsconfig.json

.PHONY: run test app bench bindings deps deps-run deps-test apt-run apt-test pip-test tools ui test-rust test-ui test-e2e clean
.PHONY: package windows test-package test-windows apt-package apt-windows apt-wine rust-windows

## run: install what is missing, build, and open the app
run: deps-run app
	./$(APP)

## test: install what is missing, then every test
test: deps-run deps-test app
	$(MAKE) --no-print-directory test-rust test-ui test-e2e test-package test-windows

## app: the release app with the UI embedded
app: ui/dist/index.html
	$(CARGO) build --release -p lectern-app

## bench: the benchmarks (criterion in core; the app's responsiveness on the real window)
bench: deps-run deps-test app
	$(CARGO) bench --features lectern-text/pdf -p lectern-text -p lectern-typeset -p lectern-library -p lectern-cli
	xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
	  $(CARGO) bench -p lectern-e2e --bench responsiveness

deps: deps-run deps-test

# apt: install only the packages dpkg does not report as installed.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps-run: apt-run tools ui/node_modules/.installed

deps-test: apt-test $(TAURI_DRIVER) pip-test

apt-run:
	$(call apt_install,$(APT_RUN))

apt-test:
	$(call apt_install,$(APT_TEST))

# Typst (the Python package) typesets the PDF fixtures of tests/data/docs (make-fixtures.py).
pip-test:
	@python3 -c 'import typst' 2>/dev/null || python3 -m pip install --quiet typst

# Rust comes from rustup, Node.js (20.19 or newer) from the system or nvm.
tools: apt-run
	@command -v $(CARGO) >/dev/null || { echo "需要 Rust 工具链 (cargo)：请先用 rustup 安装 / Rust (cargo) is missing: install it with rustup"; exit 1; }
	@command -v npm >/dev/null || { echo "Installing Node.js"; $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' || \
	  { echo "需要 Node.js 20.19 或更新版本 / Node.js 20.19+ is needed, found $$(node --version)"; exit 1; }

$(TAURI_DRIVER):
	$(CARGO) install tauri-driver --locked --version '^2'

ui/node_modules/.installed: ui/package.json ui/package-lock.json | tools
	cd ui && npm ci --no-fund --no-audit --loglevel=error
	touch $@

ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	cd ui && npm run --silent build

ui: ui/dist/index.html

# lectern-app's tests check the UI's contract: ui/src/bindings.ts is what the commands generate,
# and build.rs's command list and capabilities/main.json name exactly the registered commands.
# (Tauri needs ui/dist to exist to compile the app; the tests do not need the UI built.)
test-rust:
	mkdir -p ui/dist
	$(CARGO) test --features lectern-text/pdf -p lectern-text -p lectern-library -p lectern-typeset -p lectern-pdf -p lectern-docx -p lectern-cli -p lectern-app

## bindings: regenerate ui/src/bindings.ts from the Rust commands (commit the result)
bindings:
	mkdir -p ui/dist
	LECTERN_WRITE_BINDINGS=1 $(CARGO) test -p lectern-app -- the_ui_bindings_are_the_generated_ones

test-ui: ui/node_modules/.installed
	cd ui && npx vitest run

# The real window: release app, tauri-driver and WebKitWebDriver under Xvfb.
test-e2e:
	xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
	  $(CARGO) test -p lectern-e2e -- --test-threads=1

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules

## fuzz: the text engine's fuzz targets (cargo fuzz, nightly): FUZZ_SECONDS each, and
## FUZZ_SHAPE_SECONDS (10 minutes) each for the structure-aware ones (nested HTML, DOCX XML and
## zip oddities). `make fuzz FUZZ_TARGETS="html_shapes"` runs one.
FUZZ_SECONDS       ?= 60
FUZZ_SHAPE_SECONDS ?= 600
FUZZ_TARGETS       ?= readers text analyze html_shapes docx_shapes
.PHONY: fuzz
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@for t in $(FUZZ_TARGETS); do \
	  case $$t in *_shapes) secs=$(FUZZ_SHAPE_SECONDS) ;; *) secs=$(FUZZ_SECONDS) ;; esac; \
	  mkdir -p target/fuzz-corpus/$$t && \
	  echo "fuzz $$t: $$secs s" && \
	  $(CARGO) +nightly fuzz run --fuzz-dir fuzz $$t target/fuzz-corpus/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$$secs -rss_limit_mb=2048 -max_len=65536 || exit 1; \
	done

# --- Installable: the .deb, the Windows build, and their tests ---------------

VERSION    := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' src-tauri/tauri.conf.json)
DEB_ARCH   := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB        := target/package/lectern_$(VERSION)_$(DEB_ARCH).deb
TAURI      := $(CURDIR)/ui/node_modules/.bin/tauri
WIN_TARGET := x86_64-pc-windows-gnu
WIN_REL    := target/$(WIN_TARGET)/release
# Checking the .deb: desktop-file-validate (and the MIME cache its trigger keeps).
APT_PACKAGE := desktop-file-utils binutils
# Cross-building for Windows: the mingw-w64 C toolchain (linker, windres) and NSIS.
APT_WINDOWS := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis
# Running the Windows CLI: 64-bit Wine.
APT_WINE    := wine64

apt-package:
	$(call apt_install,$(APT_PACKAGE))

apt-windows:
	$(call apt_install,$(APT_WINDOWS))

apt-wine:
	$(call apt_install,$(APT_WINE))

rust-windows:
	@rustup target list --installed | grep -qx $(WIN_TARGET) || rustup target add $(WIN_TARGET)

## package: the .deb (Tauri's bundler) of the release app and the CLI, in target/package/
# The bundler packs the binaries already built (no second build); they are
# stripped into target/package/bin/ first, which bundle.linux.deb.files in
# src-tauri/tauri.conf.json installs as /usr/bin/lectern-app and /usr/bin/lectern.
package: deps-run apt-package app
	$(CARGO) build --release -p lectern-cli
	@mkdir -p target/package/bin
	strip -o target/package/bin/lectern-app $(APP)
	strip -o target/package/bin/lectern target/release/lectern
	cd src-tauri && CI=true $(TAURI) bundle --bundles deb
	cp target/release/bundle/deb/Lectern_$(VERSION)_$(DEB_ARCH).deb $(DEB)
	@ls -l $(DEB)

## windows: lectern-app.exe and lectern.exe cross-built; a portable zip and an installer in target/windows/
# Then both are tried under Wine: the zip's CLI, a silent install and uninstall.
windows: deps-run apt-windows apt-wine rust-windows ui/dist/index.html
	$(CARGO) build --release --target $(WIN_TARGET) -p lectern-cli -p lectern-app
	bash packaging/windows/pack.sh $(WIN_REL)
	bash tests/windows/check-installer.sh target/windows

test-package: package apt-test
	bash tests/package/check-deb.sh $(DEB)

# The Windows CLI (only the CLI, to keep CI short) under Wine, against the Linux CLI.
test-windows: deps-run apt-test apt-windows apt-wine rust-windows
	$(CARGO) build --release -p lectern-cli
	$(CARGO) build --release --target $(WIN_TARGET) -p lectern-cli
	bash tests/windows/run-cli.sh $(WIN_REL)/lectern.exe target/release/lectern
