import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's <Modal> with what axe asks of a dialog: its close button named ("Fermer"), and its
 * header a plain block, not a second `banner` landmark beside the page's (Mantine renders a
 * <header> inside role="dialog", which is no sectioning element for the accessibility tree).
 */
export function DialogModal({ title, children, ...props }: Omit<ModalRootProps, 'title' | 'children'> & { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <Modal.Root {...props}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
