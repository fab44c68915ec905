;;; cdls-test.el --- Batch test of cdls.el with Eglot and the real server -*- lexical-binding: t; -*-

;;; Commentary:

;; Opens examples/seed.def, checks `apptainer-mode', connects Eglot to cdls, waits for the
;; cdls diagnostics in Flymake, and asks for completion at "From: py".  Prints one line per
;; check ("PASS name", "FAIL name: why", "SKIP name: why") and exits 0 only when nothing
;; failed.  Environment: CDLS_BIN, CDLS_SEED, CDLS_OUT.
;;
;;   emacs --batch -Q -L editors/emacs -l editors/emacs/test/cdls-test.el

;;; Code:

(require 'package)
;; Debian's elpa-eglot (and the newer project/xref it needs) live in the system package
;; directory, which `emacs -Q' does not activate by itself.
(setq package-user-dir (make-temp-file "cdls-test-elpa" t))
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'cl-lib)
(require 'seq)
(require 'subr-x)
(require 'eglot)
(require 'flymake)
(require 'cdls)

(defvar cdls-test--passed 0)
(defvar cdls-test--failed 0)
(defvar cdls-test--skipped 0)
(defvar cdls-test--log-file
  (expand-file-name "emacs-test.log" (or (getenv "CDLS_OUT") default-directory)))

(defun cdls-test--report (line)
  (princ (concat line "\n"))
  (write-region (concat line "\n") nil cdls-test--log-file 'append 'silent))

(defun cdls-test--pass (name)
  (cl-incf cdls-test--passed)
  (cdls-test--report (concat "PASS " name)))

(defun cdls-test--fail (name why)
  (cl-incf cdls-test--failed)
  (cdls-test--report (format "FAIL %s: %s" name why)))

(defun cdls-test--skip (name why)
  (cl-incf cdls-test--skipped)
  (cdls-test--report (format "SKIP %s: %s" name why)))

(defun cdls-test--wait (seconds predicate)
  "Process events for up to SECONDS until PREDICATE returns non-nil; return its value."
  (let ((deadline (+ (float-time) seconds))
        (value nil))
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun cdls-test--diagnostic-texts ()
  "Texts of the Flymake diagnostics in the current buffer, after asking Flymake to report."
  ;; In batch there is no command loop, so Flymake's deferred start never comes: start it.
  (flymake-start nil t)
  (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))

(defun cdls-test--diagnostic (code)
  "The Flymake diagnostic whose text names rule CODE, or nil."
  (seq-find (lambda (d) (string-match-p (regexp-quote (format "[%s]" code)) (flymake-diagnostic-text d)))
            (flymake-diagnostics)))

(defun cdls-test--check-diagnostic (code word)
  (let* ((name (format "flymake shows %s" code))
         (d (cdls-test--diagnostic code)))
    (cond
     ((null d)
      (cdls-test--fail name (format "not among %S" (cdls-test--diagnostic-texts))))
     ((not (string-prefix-p "cdls" (flymake-diagnostic-text d)))
      (cdls-test--fail name (format "not from source cdls: %s" (flymake-diagnostic-text d))))
     ((not (equal (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) word))
      (cdls-test--fail name (format "covers %S, expected %S"
                                    (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                    (flymake-diagnostic-end d))
                                    word)))
     (t (cdls-test--pass (format "%s on %s (line %d)" name word
                                 (line-number-at-pos (flymake-diagnostic-beg d))))))))

(defun cdls-test--run ()
  (let ((bin (or (getenv "CDLS_BIN") (error "CDLS_BIN is not set")))
        (seed (or (getenv "CDLS_SEED") (error "CDLS_SEED is not set"))))
    (setq cdls-program bin)
    (find-file seed)
    (if (eq major-mode 'apptainer-mode)
        (cdls-test--pass "apptainer-mode for seed.def")
      (cdls-test--fail "apptainer-mode for seed.def" (format "major mode is %s" major-mode)))
    (font-lock-ensure)
    (dolist (check '(("^Bootstrap" . font-lock-builtin-face) ("docker" . font-lock-type-face)
                     ("^From" . font-lock-builtin-face) ("^%post" . font-lock-keyword-face)))
      (goto-char (point-min))
      (let ((face (and (re-search-forward (car check) nil t) (get-text-property (match-beginning 0) 'face)))
            (name (format "apptainer-mode highlights %s" (string-remove-prefix "^" (car check)))))
        (if (eq face (cdr check))
            (cdls-test--pass name)
          (cdls-test--fail name (format "face is %S, expected %S" face (cdr check))))))
    (dolist (name '("/r/Singularity" "/r/Singularity.gpu" "/r/Apptainer" "/r/Apptainer.cuda"))
      (let ((mode (assoc-default name auto-mode-alist #'string-match)))
        (if (eq mode 'apptainer-mode)
            (cdls-test--pass (format "auto-mode-alist: %s is apptainer-mode" (file-name-nondirectory name)))
          (cdls-test--fail (format "auto-mode-alist: %s" name) (format "maps to %s" mode)))))
    (dolist (mode '(apptainer-mode dockerfile-mode dockerfile-ts-mode))
      (let* ((entry (eglot--lookup-mode mode))
             (contact (nth 2 entry))
             (command (if (functionp contact) (funcall contact nil) contact)))
        (if (and (consp command) (equal (car command) (executable-find bin)) (equal (cadr command) "--stdio"))
            (cdls-test--pass (format "eglot-server-programs starts cdls for %s" mode))
          (cdls-test--fail (format "eglot-server-programs starts cdls for %s" mode) (format "%S" command)))))
    (apply #'eglot (eglot--guess-contact))
    (let ((server (cdls-test--wait 15 (lambda () (and (eglot-current-server)
                                                       (eglot--managed-mode)
                                                       (eglot-current-server))))))
      (if (not server)
          (cdls-test--fail "eglot connects to cdls" "no managed server after 15 s")
        (cdls-test--pass (format "eglot connects to cdls (%s)" (plist-get (eglot--server-info server) :name)))
        (cdls-test--wait 15 (lambda ()
                              (cdls-test--diagnostic-texts)
                              (and (cdls-test--diagnostic "image-latest-tag")
                                   (cdls-test--diagnostic "pip-unpinned"))))
        (cdls-test--check-diagnostic "image-latest-tag" "latest")
        (cdls-test--check-diagnostic "pip-unpinned" "numpy")
        (if (not (eglot--server-capable :completionProvider))
            (cdls-test--skip "completion at \"From: py\" offers python" "server has no completion yet")
          (goto-char (point-min))
          (re-search-forward "^From:.*$")
          (replace-match "From: py")
          (eglot--signal-textDocument/didChange)
          (let* ((capf (eglot-completion-at-point))
                 (candidates (and capf (all-completions "py" (nth 2 capf)))))
            (if (seq-some (lambda (c) (string-prefix-p "python" c)) candidates)
                (cdls-test--pass "completion at \"From: py\" offers python")
              (cdls-test--fail "completion at \"From: py\" offers python"
                               (format "candidates: %S" candidates)))))
        (eglot-shutdown server)))
    (cdls-test--dockerfile)))

(defun cdls-test--dockerfile ()
  "A Dockerfile in `dockerfile-mode' gets cdls too (when Debian's elpa-dockerfile-mode is there)."
  (let ((name "Dockerfile: flymake shows image-latest-tag"))
    (if (not (require 'dockerfile-mode nil t))
        (cdls-test--skip name "dockerfile-mode is not installed")
      (let* ((dir (make-temp-file "cdls-test-docker" t))
             (file (expand-file-name "Dockerfile" dir)))
        (with-temp-file file (insert "FROM python:latest\nRUN pip install numpy\n"))
        (find-file file)
        (if (not (eq major-mode 'dockerfile-mode))
            (cdls-test--fail name (format "major mode is %s" major-mode))
          (apply #'eglot (eglot--guess-contact))
          (let ((server (cdls-test--wait 15 (lambda () (and (eglot--managed-mode) (eglot-current-server))))))
            (cdls-test--wait 15 (lambda () (cdls-test--diagnostic-texts) (cdls-test--diagnostic "image-latest-tag")))
            (if (cdls-test--diagnostic "image-latest-tag")
                (cdls-test--pass name)
              (cdls-test--fail name (format "diagnostics: %S" (cdls-test--diagnostic-texts))))
            (when server (eglot-shutdown server))))
        (kill-buffer)
        (delete-directory dir t)))))

(when (file-exists-p cdls-test--log-file) (delete-file cdls-test--log-file))
(condition-case err
    (cdls-test--run)
  (error (cdls-test--fail "test run" (error-message-string err))))
(cdls-test--report (format "emacs: %d passed, %d failed, %d skipped"
                           cdls-test--passed cdls-test--failed cdls-test--skipped))
(set-buffer-modified-p nil)
(delete-directory package-user-dir t)
(kill-emacs (if (> cdls-test--failed 0) 1 0))

;;; cdls-test.el ends here
