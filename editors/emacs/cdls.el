;;; cdls.el --- Apptainer definition files and the cdls language server -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, containers
;; URL: editors/emacs in the cdls repository

;;; Commentary:

;; `apptainer-mode' for Apptainer/Singularity definition files (header keys, bootstrap
;; agents, %sections, comments, {{ build arguments }}), the file associations for them
;; (Singularity*, Apptainer*, and *.def files that start with a Bootstrap: line), and
;; the Eglot entries that start `cdls --stdio' for them and for Dockerfiles.
;;
;;   (add-to-list 'load-path "/path/to/cdls/editors/emacs")
;;   (require 'cdls)
;;   (add-hook 'apptainer-mode-hook #'eglot-ensure)
;;
;; Set `cdls-program' when cdls is not on `exec-path', and `cdls-rules' to change the
;; severity of rules.

;;; Code:

(require 'rx)

(defgroup cdls nil
  "Apptainer definition files and the cdls language server."
  :group 'languages
  :prefix "cdls-")

(defcustom cdls-program "cdls"
  "The cdls binary: a name on `exec-path' or an absolute file name."
  :type 'string)

(defcustom cdls-rules nil
  "Severity per rule id, sent to cdls as initializationOptions.rules.
For example ((\"pip-unpinned\" . \"error\") (\"image-latest-tag\" . \"off\")).
Each severity is \"error\", \"warning\", \"information\", \"hint\" or \"off\"."
  :type '(alist :key-type string
                :value-type (choice (const "error") (const "warning") (const "information")
                                    (const "hint") (const "off"))))

(defconst apptainer-script-sections
  '("post" "setup" "environment" "runscript" "startscript" "test" "pre"
    "appinstall" "apprun" "appenv" "apptest" "appstart")
  "Sections whose body is a shell script.")

(defconst apptainer-sections
  (append apptainer-script-sections
          '("files" "labels" "help" "arguments" "appfiles" "applabels" "apphelp"))
  "Every section name Apptainer knows.")

(defconst apptainer-font-lock-keywords
  `(;; %section names (unknown ones are shown as warnings)
    (,(rx bol (* blank) (group "%" (regexp (regexp-opt apptainer-sections))) symbol-end)
     1 font-lock-keyword-face)
    (,(rx bol (* blank) (group "%" alpha (* (any alnum "_-"))))
     1 font-lock-warning-face)
    ;; Bootstrap: <agent>
    (,(rx bol (* blank) (group (regexp "[Bb]oot[Ss]trap")) (* blank) ":" (* blank)
          (group (+ (any alnum "-"))))
     (1 font-lock-builtin-face) (2 font-lock-type-face))
    ;; other header keys (Key: value) before a section
    (,(rx bol (* blank) (group alpha (* (any alnum "_-"))) (* blank) ":")
     (1 (unless (apptainer--in-section-p) font-lock-builtin-face)))
    ;; {{ build arguments }}
    (,(rx "{{" (* blank) (group (+ (any alnum "_"))) (* blank) "}}")
     (0 font-lock-preprocessor-face t) (1 font-lock-variable-name-face t)))
  "Highlighting for `apptainer-mode'.")

(defun apptainer--in-section-p ()
  "Non-nil when point is below a %section header."
  (save-excursion
    (save-match-data
      (beginning-of-line)
      (re-search-backward (rx bol (* blank) "%" alpha) nil t))))

(defvar apptainer-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?' "\"" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?% "_" table)
    table)
  "Syntax table for `apptainer-mode'.")

(defun apptainer--imenu-index ()
  "Sections of the definition file, for `imenu'."
  (let (index)
    (save-excursion
      (goto-char (point-min))
      (while (re-search-forward (rx bol (* blank) (group "%" alpha (* (any alnum "_-"))) (* nonl)) nil t)
        (push (cons (string-trim (match-string 0)) (match-beginning 1)) index)))
    (nreverse index)))

;;;###autoload
(define-derived-mode apptainer-mode prog-mode "Apptainer"
  "Major mode for Apptainer/Singularity definition files."
  :syntax-table apptainer-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local font-lock-defaults '(apptainer-font-lock-keywords))
  (setq-local indent-tabs-mode nil)
  (setq-local imenu-create-index-function #'apptainer--imenu-index))

;;;###autoload
(progn
  (add-to-list 'auto-mode-alist
               (cons (rx "/" (or "Singularity" "Apptainer") (? "." (+ (not (any "/")))) eos) 'apptainer-mode))
  ;; *.def files are Apptainer definition files only when they have a Bootstrap: line.
  (add-to-list 'magic-mode-alist
               (cons (lambda ()
                       (and buffer-file-name
                            (string-match-p (rx ".def" eos) buffer-file-name)
                            (save-excursion
                              (goto-char (point-min))
                              (re-search-forward (rx bol (* blank) (regexp "[Bb]oot[Ss]trap") (* blank) ":")
                                                 (min (point-max) 8192) t))))
                     'apptainer-mode))
  (add-to-list 'magic-mode-alist (cons (rx bos (* (any " \t\n")) (regexp "[Bb]oot[Ss]trap") (* blank) ":")
                                       'apptainer-mode)))

(defun cdls--initialization-options (_server)
  "The initializationOptions for cdls: the rules from `cdls-rules'."
  (list :rules (cdls--rules-plist)))

(defun cdls--rules-plist ()
  "`cdls-rules' as a JSON object for Eglot."
  (if cdls-rules
      (let (plist)
        (dolist (rule cdls-rules) (setq plist (plist-put plist (intern (concat ":" (car rule))) (cdr rule))))
        plist)
    ;; An empty JSON object, not null.
    (make-hash-table)))

;;;###autoload
(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (dolist (mode '(apptainer-mode dockerfile-mode dockerfile-ts-mode))
    (add-to-list 'eglot-server-programs
                 (cons mode (lambda (&optional interactive)
                              (let ((program (executable-find cdls-program)))
                                (unless program
                                  (user-error "cdls: %s not found; set `cdls-program'" cdls-program))
                                (ignore interactive)
                                ;; Eglot answers workspace/configuration from
                                ;; `eglot-workspace-configuration' (section :cdls).
                                (list program "--stdio"
                                      :initializationOptions (cdls--initialization-options nil))))))))

(provide 'cdls)
;;; cdls.el ends here
